// A consumer of didit-kit's types, compiled with `tsc --strict` against the built package by
// tests/js/types.test.mjs: narrowing on `session_kind` and `webhook_type` must work.
import {
  parseImportResponse,
  parseSessionDecision,
  parseWebhookEvent,
  modelNotes,
  stringify,
  verifyWebhook,
  type DiditApiError,
  type EntityStatus,
  type FeatureStatus,
  type ModelValidationError,
  type SessionDecision,
  type SessionStatus,
  type UnknownValue,
  type WebhookEvent,
} from 'didit-kit';

declare const body: string;

// A typed branch on an import result.
export function afterImport(answer: string, httpStatus: number): string {
  try {
    const s = parseImportResponse(answer, { status: httpStatus });
    if (s.session_kind === 'business') {
      const registry = s.registry_checks?.[0]?.company?.company_name;
      return `KYB ${s.session_id} ${s.status} ${registry ?? ''}`;
    }
    const doc = s.id_verifications?.[0]?.document_type ?? s.id_verification?.document_type;
    return `KYC ${s.session_id} ${s.status} ${doc ?? ''}`;
  } catch (e) {
    const err = e as DiditApiError | ModelValidationError;
    switch (err.code) {
      case 'ERR_IMPORT_TOKEN_INVALID':
        return 'request a new share token';
      case 'ERR_IMPORT_FORBIDDEN':
      case 'ERR_IMPORT_NOT_FOUND':
        return `${err.status}: ${err.meaning}`;
      case 'ERR_MODEL_INVALID':
        return err.issues.map((i) => i.message).join('; ');
      default:
        throw e;
    }
  }
}

export function decision(d: SessionDecision): number {
  const status: SessionStatus | UnknownValue = d.status;
  if (status === 'In Review' || status === 'Kyc Expired') return 0;
  switch (d.session_kind) {
    case 'business': {
      const kp = d.key_people_checks?.[0];
      const waiting: boolean = kp?.status === 'Awaiting User';
      const pending: number = kp?.ubo_kyc_summary?.pending ?? 0;
      const party = kp?.registry?.beneficial_owners?.[0]?.kyc_status;
      return waiting || party === 'Pending' ? pending : 1;
    }
    default: {
      const score: number | null | undefined = d.face_matches?.[0]?.score;
      const aml = d.aml_screenings?.[0];
      const hits: number = aml?.total_hits ?? 0;
      const review = aml?.hits?.[0]?.review_status;
      const feature: FeatureStatus | UnknownValue | null | undefined = d.liveness_checks?.[0]?.status;
      return (score ?? 0) + hits + (review === 'False Positive' ? 1 : 0) + (feature === 'Approved' ? 1 : 0);
    }
  }
}

export function onEvent(e: WebhookEvent): string {
  switch (e.webhook_type) {
    case 'status.updated':
      if (e.session_kind === 'business') {
        return `${e.business_session_id} ${e.status} ${e.decision?.registry_checks?.length ?? 0}`;
      }
      return `${e.session_id} ${e.status} ${e.decision?.id_verifications?.[0]?.full_name ?? ''}`;
    case 'data.updated':
      return e.session_id;
    case 'user.status.updated':
    case 'business.status.updated': {
      const s: EntityStatus | UnknownValue | null | undefined = e.status;
      return s === 'BLOCKED' ? 'block' : String(e.previous_status);
    }
    case 'user.data.updated':
    case 'business.data.updated':
      return JSON.stringify(e.changed_fields);
    case 'activity.created':
    case 'transaction.created':
    case 'transaction.status.updated':
    case 'travel_rule.status.updated':
      return e.status ?? '';
    case undefined:
      // The KYB page's nested shape.
      return `${e.event} ${e.data.status} ${e.data.decision?.session_kind}`;
    default: {
      const unknownType: UnknownValue = e.webhook_type;
      return String(unknownType);
    }
  }
}

export function fromBody(raw: Uint8Array): string {
  return onEvent(parseWebhookEvent(raw));
}

export function bigIntsAndNotes(): string {
  const s = parseSessionDecision(body);
  const m = s.metadata;
  let id = '';
  if (typeof m === 'object' && m !== null && !Array.isArray(m)) {
    const v = m.account_id;
    if (typeof v === 'bigint') id = v.toString();
  }
  const notes = modelNotes(s);
  return `${id} ${notes?.bigints.join(',')} ${notes?.normalized[0]?.raw} ${stringify(s, 2).length}`;
}

export function tolerantAndStrict(): string {
  const tolerant = parseWebhookEvent(body);
  const strict = parseWebhookEvent(body, { strict: true, maxBodyBytes: 1 << 20 });
  const dropped = modelNotes(tolerant)?.dropped ?? [];
  const first = dropped[0];
  let n: number | null | undefined;
  if (tolerant.webhook_type === 'status.updated') n = tolerant.workflow_version;
  if (strict.webhook_type === 'status.updated') n ??= strict.workflow_version;
  return `${n} ${first ? `${first.member} ${first.path} ${first.expected} ${first.found} ${first.code}` : ''} ${modelNotes(strict)?.moreDropped}`;
}

export function verified(headers: Record<string, string>): string {
  const v = verifyWebhook(body, headers, ['old-secret', 'new-secret']);
  const e = v.event;
  return e.webhook_type === 'status.updated' ? String(e.status) : v.method;
}

// Share tokens: the inspection's typed fields, the strict twin, the request helpers.
import {
  inspectShareToken,
  assertShareTokenUsable,
  importRequest,
  shareRequest,
  mintTestShareToken,
  verifyShareTokenSignature,
  type ShareTokenError,
  type SessionKind,
} from 'didit-kit';

export function tokens(token: string, app: string): string {
  const i = inspectShareToken(token, { applicationId: app, now: new Date() });
  const iso: string | null = i.expiresAtIso;
  const forbidden = i.findings.filter((f) => f.importStatus === 403).map((f) => f.code);
  const usable = assertShareTokenUsable(token, { applicationId: app });
  const kind: SessionKind = usable.sessionKind;
  const req = importRequest({ shareToken: token, workflowId: app, trustReview: false });
  const trust: boolean = req.json.trust_review;
  const ttl: number = shareRequest(app, { forApplicationId: app, ttlInSeconds: 60 }).json.ttl_in_seconds;
  const minted: string = mintTestShareToken({ session_id: app }, 'key');
  const ok: boolean = verifyShareTokenSignature(minted, new Uint8Array(3));
  try {
    assertShareTokenUsable(token, { applicationId: app });
  } catch (e) {
    const err = e as ShareTokenError;
    if (err.code === 'ERR_SHARE_TOKEN_EXPIRED') return err.finding.at;
  }
  return `${iso} ${forbidden.length} ${kind} ${trust} ${ttl} ${ok}`;
}
