// An AWS Lambda handler (API Gateway HTTP API / Function URL, payload format 2.0) as a CDK
// NodejsFunction entry: verified synchronously from the event; the body arrives base64-encoded when
// API Gateway or the Function URL decided it was binary.
import { verifyWebhook } from 'didit-kit/verify';
import { parseWebhookEvent } from 'didit-kit';

export const handler = async (event) => {
  const body = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64') : (event.body ?? '');
  try {
    const r = verifyWebhook(body, event.headers, process.env.DIDIT_WEBHOOK_SECRET);
    const parsed = parseWebhookEvent(r.payload);
    return { statusCode: 200, body: JSON.stringify({ ok: true, method: r.method, type: parsed.webhook_type }) };
  } catch (err) {
    return { statusCode: 401, body: JSON.stringify({ code: err.code }) };
  }
};
