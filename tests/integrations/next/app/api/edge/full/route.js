import { verifyRequest } from 'didit-kit';
import { handle } from '../../../../lib/handle.js';

export const runtime = 'edge';
export const POST = handle(verifyRequest);
