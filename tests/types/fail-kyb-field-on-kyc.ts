// Must not compile: a KYB-only member on a session not narrowed to KYB.
// expect: TS2339 Property 'registry_checks' does not exist on type 'KycSession'.
import { parseSessionDecision } from 'didit-kit';

declare const body: string;
const s = parseSessionDecision(body);
if (s.session_kind !== 'business') {
  console.log(s.registry_checks);
}
