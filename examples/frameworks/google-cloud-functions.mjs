// Google Cloud Functions (Node.js runtime, functions-framework): the framework parses JSON and
// keeps the exact bytes as req.rawBody, which verifyNodeRequest reads.
//   npx functions-framework --target=diditWebhook --source=google-cloud-functions.mjs
import functions from '@google-cloud/functions-framework';
// #region readme
import { verifyNodeRequest, webhookRejectionStatus } from 'didit-kit/verify';
// #endregion readme

// #region readme
functions.http('diditWebhook', async (req, res) => {
  let webhook;
  try {
    webhook = await verifyNodeRequest(req, process.env.DIDIT_WEBHOOK_SECRET);   // reads req.rawBody
  } catch (error) {
    const status = webhookRejectionStatus(error);        // 401 or 413; undefined: a set-up error
    if (status === undefined) console.error(error);
    res.status(status ?? 500).json({ code: error.code });
    return;
  }
  const { payload } = webhook;
  console.log('didit', payload.webhook_type, payload.session_id, payload.status);
  res.status(200).json({ received: true });
});
// #endregion readme
