// Pages Router API route: Next's body parser is switched off so the signed bytes reach verifyNodeRequest.
import { verifyNodeRequest } from 'didit-kit';

export const config = { api: { bodyParser: false } };

export default async function handler(req, res) {
  try {
    const event = await verifyNodeRequest(req, process.env.DIDIT_WEBHOOK_SECRET);
    res.status(200).json({ ok: true, method: event.method });
  } catch (err) {
    res.status(401).json({ code: err.code, message: err.message });
  }
}
