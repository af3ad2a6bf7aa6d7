// An AWS Lambda handler (API Gateway HTTP API / Function URL, payload format 2.0) as a CDK
// NodejsFunction entry: verifyLambdaEvent decodes a base64 body and reads the event's headers, then
// verifies synchronously; the typed parse comes from the full entry.
import { verifyLambdaEvent } from 'didit-kit/verify';
import { parseWebhookEvent } from 'didit-kit';

export const handler = async (event) => {
  try {
    const r = verifyLambdaEvent(event, process.env.DIDIT_WEBHOOK_SECRET);
    const parsed = parseWebhookEvent(r.payload);
    return { statusCode: 200, body: JSON.stringify({ ok: true, method: r.method, type: parsed.webhook_type }) };
  } catch (err) {
    return { statusCode: 401, body: JSON.stringify({ code: err.code }) };
  }
};
