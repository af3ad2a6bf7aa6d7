import { verifyRequest } from 'didit-kit';
import { handle } from '../../../../lib/handle.js';

export const POST = handle(verifyRequest);
