// Must not compile: statuses are canonical (Title Case), so the UPPER_SNAKE spelling never matches.
// expect: TS2367 This comparison appears to be unintentional because the types 'UnknownValue | SessionStatus' and '"IN_REVIEW"' have no overlap.
import { parseSessionDecision } from 'didit-kit';

declare const body: string;
const s = parseSessionDecision(body);
if (s.status === 'IN_REVIEW') {
  console.log('never');
}
