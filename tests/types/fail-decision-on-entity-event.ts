// Must not compile: user entity events carry no session decision.
// expect: TS2339 Property 'decision' does not exist on type 'UserStatusUpdatedEvent'.
import { parseWebhookEvent } from 'didit-kit';

declare const body: string;
const e = parseWebhookEvent(body);
if (e.webhook_type === 'user.status.updated') {
  console.log(e.decision);
}
