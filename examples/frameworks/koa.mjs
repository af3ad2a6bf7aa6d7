// Koa: koaWebhook verifies ctx.request.rawBody, the exact text koa-bodyparser (or
// @koa/bodyparser) keeps next to the parsed body; with no body parser it reads the stream itself.
import Koa from 'koa';
import Router from '@koa/router';
import bodyParser from 'koa-bodyparser';
// #region readme
import { koaWebhook } from 'didit-kit/verify';
// #endregion readme

const app = new Koa();
const router = new Router();
app.use(bodyParser());                                 // a global JSON parser is fine: it keeps rawBody

// #region readme
router.post('/webhooks/didit', koaWebhook(process.env.DIDIT_WEBHOOK_SECRET), (ctx) => {
  const { payload } = ctx.state.diditWebhook;           // verified; rejected deliveries got 401 {"code": ...}
  console.log('didit', payload.webhook_type, payload.session_id, payload.status);
  ctx.body = { received: true };
});
// #endregion readme

router.post('/api/echo', (ctx) => {
  ctx.body = ctx.request.body;
});
app.use(router.routes());

const host = process.env.HOST ?? '127.0.0.1';
const server = app.listen(Number(process.env.PORT ?? 3000), host, () => {
  console.log(`listening on http://${host}:${server.address().port}`);
});
