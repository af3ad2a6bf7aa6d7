// NestJS (Express platform): create the app with { rawBody: true } so Nest keeps the exact
// bytes as req.rawBody next to the parsed body; a guard verifies them before the handler runs.
import 'reflect-metadata';
import { Controller, HttpCode, HttpException, Injectable, Module, Post, Req, UseGuards } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
// #region readme
import { verifyNodeRequest, webhookRejectionStatus } from 'didit-kit/verify';
import type { DiditKitError, NodeRequestLike, WebhookVerification } from 'didit-kit/verify';

type WebhookRequest = NodeRequestLike & { diditWebhook?: WebhookVerification };

@Injectable()
class DiditWebhookGuard implements CanActivate {
  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<WebhookRequest>();
    try {
      req.diditWebhook = await verifyNodeRequest(req, process.env.DIDIT_WEBHOOK_SECRET ?? '');  // reads req.rawBody
      return true;
    } catch (error) {
      const status = webhookRejectionStatus(error);      // 401 or 413; undefined: a set-up error (500)
      if (status === undefined) throw error;
      throw new HttpException({ code: (error as DiditKitError).code }, status);
    }
  }
}

@Controller('webhooks')
class WebhooksController {
  @Post('didit')
  @HttpCode(200)
  @UseGuards(DiditWebhookGuard)
  receive(@Req() req: WebhookRequest) {
    const payload = req.diditWebhook?.payload as { webhook_type?: string; session_id?: string; status?: string };
    console.log('didit', payload.webhook_type, payload.session_id, payload.status);
    return { received: true };
  }
}
// #endregion readme

@Controller('api')
class EchoController {
  @Post('echo')
  @HttpCode(200)
  echo(@Req() req: { body: unknown }) {
    return req.body;                                      // other routes still get parsed JSON
  }
}

@Module({ controllers: [WebhooksController, EchoController] })
class AppModule {}

// #region readme
const app = await NestFactory.create(AppModule, { rawBody: true });   // keeps req.rawBody
// #endregion readme
app.useLogger(['error', 'warn']);
await app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1');
console.log(`listening on ${await app.getUrl()}`);
