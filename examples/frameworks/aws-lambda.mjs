// AWS Lambda behind API Gateway (REST API v1 or HTTP API v2 payloads) or a Function URL:
// lambdaWebhook decodes the base64 body (isBase64Encoded), reads the headers from the event
// (every value of a repeated one), verifies, and answers a rejected delivery with 401.
// #region readme
import { lambdaWebhook } from 'didit-kit/verify';
// #endregion readme

// #region readme
export const handler = lambdaWebhook(process.env.DIDIT_WEBHOOK_SECRET, async (webhook) => {
  const { payload } = webhook;                          // verified; rejected deliveries got 401 {"code": ...}
  console.log('didit', payload.webhook_type, payload.session_id, payload.status);
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"received":true}' };
});
// #endregion readme
