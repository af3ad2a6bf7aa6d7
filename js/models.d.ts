// Types of didit-kit's typed models. The interfaces between the GENERATED markers come from the
// Rust model tables (with their field docs); the unions after them are written by hand.
//
// Data keeps Didit's snake_case names. Every field is optional and may be `null` (Didit sends
// `null` for features a workflow has not run, and adds fields over time); statuses hold their
// canonical spelling (`"In Review"`, also when Didit sent `"IN_REVIEW"`); a string of a
// documented vocabulary that this version does not know is kept as sent and typed `UnknownValue`.

/** Any JSON value as didit-kit parses it: integers beyond ±(2^53 − 1) are `bigint`. */
export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | JsonObject;

/** A JSON object. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/**
 * A status, event type or session kind that this version of didit-kit does not know (a newer
 * Didit value): a string at runtime, kept as sent and listed in `modelNotes(model).unknown`.
 * Typed opaquely (not as `string`) so that comparing with a known literal still narrows a union
 * and a misspelt literal is a compile error; read it with `String(value)`.
 */
export interface UnknownValue {
  readonly __unknownDiditValue: unique symbol;
}

// ---- BEGIN GENERATED from the Rust model tables (cargo test; DIDIT_KIT_UPDATE=1 rewrites) ----
/** Canonical session status values. */
export type SessionStatus = 'Not Started' | 'In Progress' | 'Approved' | 'Declined' | 'In Review' | 'Awaiting User' | 'Resubmitted' | 'Expired' | 'Abandoned' | 'Kyc Expired';

/** Canonical feature status values. */
export type FeatureStatus = 'Approved' | 'Declined' | 'In Review' | 'Not Finished' | 'Not Started' | 'Expired' | 'Resub Requested' | 'Awaiting User';

/** Canonical entity status values. */
export type EntityStatus = 'ACTIVE' | 'FLAGGED' | 'BLOCKED';

/** Canonical AML hit review status values. */
export type AmlHitReviewStatus = 'Unreviewed' | 'Confirmed Match' | 'False Positive' | 'Inconclusive';

/** Canonical party KYC status values. */
export type PartyKycStatus = 'Approved' | 'Declined' | 'Pending';

/** Canonical webhook type values. */
export type WebhookType = 'status.updated' | 'data.updated' | 'user.status.updated' | 'user.data.updated' | 'business.status.updated' | 'business.data.updated' | 'activity.created' | 'transaction.created' | 'transaction.status.updated' | 'travel_rule.status.updated';

/** Canonical session kind values. */
export type SessionKind = 'user' | 'business';

/** A warning attached to a feature report (`warnings[]`). */
export interface Warning {
  /** Free-form details, or `null`. */
  additional_data?: JsonValue | null;
  /**
   * The feature: `ID_VERIFICATION`, `NFC`, `LIVENESS`, `FACEMATCH`, `PROOF_OF_ADDRESS`,
   * `PHONE`, `EMAIL`, `AML`, `LOCATION`, `DATABASE_VALIDATION`, `QUESTIONNAIRE`,
   * `KYB_REGISTRY`, `KYB_DOCUMENTS`, `KYB_KEY_PEOPLE`.
   */
  feature?: string | null;
  /** `information`, `warning` (a review) or `error` (a decline). */
  log_type?: string | null;
  /** Long human-readable description. */
  long_description?: string | null;
  /** The workflow node that raised it. */
  node_id?: string | null;
  /** A risk code, e.g. `LOW_LIVENESS_SCORE`, `DOCUMENT_EXPIRED`, `POSSIBLE_MATCH_FOUND`. */
  risk?: string | null;
  /** Short human-readable description. */
  short_description?: string | null;
}

/** Contact details given at session creation. */
export interface ContactDetails {
  /** E-mail address. */
  email?: string | null;
  /** Language of e-mails sent to the user. */
  email_lang?: string | null;
  /** Phone number. */
  phone?: string | null;
  /** Whether Didit e-mails the user about the session. */
  send_notification_emails?: boolean | null;
}

/** A status change made by a reviewer or through the API (`reviews[]`). */
export interface Review {
  /** The reviewer's comment. */
  comment?: string | null;
  /** When. */
  created_at?: number | string | null;
  /** The status set. */
  new_status?: SessionStatus | UnknownValue | null;
  /** Who: a reviewer, `"API Client"` for API changes, `"Unknown"` when unresolved. */
  user?: string | null;
}

/** Another session that matched this one (`matches[]`: duplicate faces, phones, e-mails…). */
export interface SessionMatch {
  /** Whether the match is on an allow list. */
  is_allowlisted?: boolean | null;
  /** Whether the match is on a block list. */
  is_blocklisted?: boolean | null;
  /** Presigned URL of the matched image (short-lived). */
  match_image_url?: string | null;
  /** Similarity score. */
  score?: number | null;
  /** The matched session. */
  session_id?: string | null;
  /** The matched session's number. */
  session_number?: number | null;
  /** Similarity, 0–100. */
  similarity_percentage?: number | null;
  /** `session`, `imported`, `list_entry` or `retained_template`. */
  source?: string | null;
  /** The matched session's status. */
  status?: SessionStatus | UnknownValue | null;
  /** Details of the matched user. */
  user_details?: JsonObject | null;
  /** The matched session's `vendor_data`. */
  vendor_data?: string | null;
  /** The matched user's vendor id. */
  vendor_user_id?: string | null;
  /** When the matched session was verified. */
  verification_date?: string | null;
}

/** Image quality of a document side. */
export interface ImageQualityScore {
  /** A brightness problem, if any. */
  brightness_issue?: boolean | string | null;
  /** Brightness score. */
  brightness_score?: number | null;
  /** Focus score. */
  focus_score?: number | null;
  /** Whether the whole document is in the frame. */
  is_document_fully_visible?: boolean | null;
  /** Overall score. */
  overall_score?: number | null;
  /** Resolution score. */
  resolution_score?: number | null;
}

/** Why an ID verification fell back to another method. */
export interface FallbackFrom {
  /** What was done instead. */
  action?: string | null;
  /** The method that was tried first. */
  method?: string | null;
  /** Why it failed. */
  reason?: string | null;
}

/** An identity-document check (`id_verifications[]`; v2's singular `id_verification`). */
export interface IdVerification {
  /** Address as printed on the document. */
  address?: string | null;
  /** Age in years. */
  age?: number | null;
  /** `documentary`, `data_match` or `cryptographic`. */
  assurance?: string | null;
  /** Presigned URL of the back side (short-lived). */
  back_image?: string | null;
  /** Back side taken with the front camera. */
  back_image_camera_front?: string | null;
  /** Image quality of the back side. */
  back_image_quality_score?: ImageQualityScore | null;
  /** Presigned URL of the back-side video. */
  back_video?: string | null;
  /** `YYYY-MM-DD`. */
  date_of_birth?: string | null;
  /** Date of issue. */
  date_of_issue?: string | null;
  /** Document number. */
  document_number?: string | null;
  /** Document subtype. */
  document_subtype?: string | null;
  /** E.g. `"Identity Card"`, `"Passport"`. */
  document_type?: string | null;
  /** Expiration date. */
  expiration_date?: string | null;
  /** Country-specific extra fields. */
  extra_fields?: JsonObject | null;
  /** Extra files. */
  extra_files?: JsonValue[] | null;
  /** Set when another method was used instead of the first one. */
  fallback_from?: FallbackFrom | null;
  /** First name. */
  first_name?: string | null;
  /** Address formatted by Didit. */
  formatted_address?: string | null;
  /** Presigned URL of the front side. */
  front_image?: string | null;
  /** Front side taken with the front camera. */
  front_image_camera_front?: string | null;
  /** Image quality of the front side. */
  front_image_quality_score?: ImageQualityScore | null;
  /** Presigned URL of the front-side video. */
  front_video?: string | null;
  /** Full back-side image. */
  full_back_image?: string | null;
  /** Full front-side image. */
  full_front_image?: string | null;
  /** Full name. */
  full_name?: string | null;
  /** `M`, `F` or `U`. */
  gender?: string | null;
  /** Result of an ID lookup (`verification_method: "id_lookup"`). */
  id_lookup?: JsonObject | null;
  /** ISO 3166-1 alpha-3. */
  issuing_state?: string | null;
  /** Issuing state's name. */
  issuing_state_name?: string | null;
  /** Last name. */
  last_name?: string | null;
  /** `SINGLE`, `MARRIED`, `DIVORCED`, `WIDOWED`, `UNKNOWN` (older docs) or e.g. `"Single"`. */
  marital_status?: string | null;
  /** Other sessions with the same document (at most 5). */
  matches?: SessionMatch[] | null;
  /** The machine-readable zone. */
  mrz?: JsonObject | null;
  /** ISO 3166-1 alpha-3. */
  nationality?: string | null;
  /** The workflow node (`null` for legacy single-feature sessions). */
  node_id?: string | null;
  /** The address, parsed. */
  parsed_address?: JsonObject | null;
  /** Personal number. */
  personal_number?: string | null;
  /** Place of birth. */
  place_of_birth?: string | null;
  /** Presigned URL of the portrait cut from the document. */
  portrait_image?: string | null;
  /** Feature status. */
  status?: FeatureStatus | UnknownValue | null;
  /** `document`, `id_lookup` or `wallet`. */
  verification_method?: string | null;
  /** The digital wallet (`verification_method: "wallet"`). */
  wallet_provider?: string | null;
  /** Result of a wallet verification. */
  wallet_verification?: JsonObject | null;
  /** Warnings. */
  warnings?: Warning[] | null;
}

/** Data read from an NFC chip. */
export interface NfcChipData {
  /** Address. */
  address?: string | null;
  /** Date of birth. */
  birth_date?: string | null;
  /** Document number. */
  document_number?: string | null;
  /** Document type. */
  document_type?: string | null;
  /** Expiration date. */
  expiration_date?: string | null;
  /** First name. */
  first_name?: string | null;
  /** Gender. */
  gender?: string | null;
  /** Issuing country. */
  issuing_country?: string | null;
  /** Last name. */
  last_name?: string | null;
  /** Nationality. */
  nationality?: string | null;
  /** Place of birth. */
  place_of_birth?: string | null;
}

/** Chip authenticity checks. */
export interface NfcAuthenticity {
  /** Data-group integrity. */
  dg_integrity?: boolean | string | null;
  /** Security-object integrity. */
  sod_integrity?: boolean | string | null;
}

/** The chip's signing certificate. */
export interface NfcCertificateSummary {
  /** Issuer. */
  issuer?: string | null;
  /** End of validity. */
  not_valid_after?: string | null;
  /** Start of validity. */
  not_valid_before?: string | null;
  /** Serial number (a string or a number, possibly beyond 2^53). */
  serial_number?: number | bigint | string | null;
  /** Subject. */
  subject?: string | null;
}

/** An NFC chip read (`nfc_verifications[]`; v2's `nfc`). */
export interface NfcVerification {
  /** Authenticity checks. */
  authenticity?: NfcAuthenticity | null;
  /** The signing certificate. */
  certificate_summary?: NfcCertificateSummary | null;
  /** Data read from the chip. */
  chip_data?: NfcChipData | null;
  /** Whether the NFC step was skipped. */
  is_nfc_skipped?: boolean | null;
  /** The workflow node. */
  node_id?: string | null;
  /** Presigned URL of the chip's portrait. */
  portrait_image?: string | null;
  /** Presigned URL of the chip's signature image. */
  signature_image?: string | null;
  /**
   * `USER_SKIPPED`, `DOCUMENT_WITHOUT_CHIP`, `CHIP_CERTIFICATE_UNAVAILABLE`,
   * `DEVICE_WITHOUT_NFC`, `INTEGRATION_WITHOUT_NFC_ACCESS`, `MRZ_KEY_UNAVAILABLE`.
   */
  skip_reason?: string | null;
  /** Feature status. */
  status?: FeatureStatus | UnknownValue | null;
  /** Warnings. */
  warnings?: Warning[] | null;
}

/** A liveness check (`liveness_checks[]`; v2's `liveness`). */
export interface LivenessCheck {
  /** Estimated age. */
  age_estimation?: number | null;
  /** Face luminance (passive method). */
  face_luminance?: number | bigint | JsonObject | null;
  /** Face quality. */
  face_quality?: number | bigint | JsonObject | null;
  /** Other sessions with the same face. */
  matches?: SessionMatch[] | null;
  /** `ACTIVE_3D`, `FLASHING`, `PASSIVE` (some pages: `active`, `passive`). */
  method?: string | null;
  /** The workflow node. */
  node_id?: string | null;
  /** Presigned URL of the reference image. */
  reference_image?: string | null;
  /** 0–100, e.g. `89.92`. */
  score?: number | null;
  /** Feature status. */
  status?: FeatureStatus | UnknownValue | null;
  /** Presigned URL of the video (`null` for passive). */
  video_url?: string | null;
  /** Warnings. */
  warnings?: Warning[] | null;
}

/** A face match between the selfie and a document or another image (`face_matches[]`). */
export interface FaceMatch {
  /** The workflow node. */
  node_id?: string | null;
  /** 0–100, e.g. `97.99`. */
  score?: number | null;
  /** Presigned URL of the source image. */
  source_image?: string | null;
  /** Session the source image came from. */
  source_image_session_id?: string | null;
  /** Feature status. */
  status?: FeatureStatus | UnknownValue | null;
  /** Presigned URL of the target image. */
  target_image?: string | null;
  /** Warnings. */
  warnings?: Warning[] | null;
}

/** A proof-of-address check (`poa_verifications[]`; v2's `poa`). */
export interface PoaVerification {
  /** QR codes and barcodes found. */
  detected_codes?: JsonValue[] | null;
  /** Presigned URL of the document. */
  document_file?: string | null;
  /** Language of the document. */
  document_language?: string | null;
  /** Document metadata. */
  document_metadata?: JsonObject | null;
  /** Subtype. */
  document_subtype?: string | null;
  /** `UTILITY_BILL`, `BANK_STATEMENT`, `GOVERNMENT_ISSUED_DOCUMENT`, `OTHER_POA_DOCUMENT`, `UNKNOWN`. */
  document_type?: string | null;
  /** Expiration date. */
  expiration_date?: string | null;
  /** E.g. `bank_account_number`, `bank_iban`. */
  extra_fields?: JsonObject | null;
  /** Extra files. */
  extra_files?: JsonValue[] | null;
  /** Issue date. */
  issue_date?: string | null;
  /** Issuer. */
  issuer?: string | null;
  /** Issuing state. */
  issuing_state?: string | null;
  /** Name match against the expected details, 0–100. */
  name_match_score_expected_details?: number | null;
  /** Name match against the ID verification, 0–100. */
  name_match_score_id_verification?: number | null;
  /** Name on the document. */
  name_on_document?: string | null;
  /** The workflow node. */
  node_id?: string | null;
  /** Address on the document. */
  poa_address?: string | null;
  /** Address formatted by Didit. */
  poa_formatted_address?: string | null;
  /** Address, parsed. */
  poa_parsed_address?: JsonObject | null;
  /** Feature status. */
  status?: FeatureStatus | UnknownValue | null;
  /** Warnings. */
  warnings?: Warning[] | null;
}

/** A phone line's carrier. */
export interface PhoneCarrier {
  /** Carrier name. */
  name?: string | null;
  /** Line type. */
  type?: string | null;
}

/** A phone verification (`phone_verifications[]`; v2's `phone`). */
export interface PhoneVerification {
  /** Carrier. */
  carrier?: PhoneCarrier | null;
  /** Country code. */
  country_code?: string | null;
  /** Country name. */
  country_name?: string | null;
  /** Prefix and number. */
  full_number?: string | null;
  /** Whether the number is disposable. */
  is_disposable?: boolean | null;
  /** Whether the number is virtual. */
  is_virtual?: boolean | null;
  /** Verification events. */
  lifecycle?: JsonValue[] | null;
  /** Other sessions with the same number. */
  matches?: SessionMatch[] | null;
  /** The workflow node. */
  node_id?: string | null;
  /** Number without prefix. */
  phone_number?: string | null;
  /** Prefix, e.g. `+34`. */
  phone_number_prefix?: string | null;
  /** Feature status. */
  status?: FeatureStatus | UnknownValue | null;
  /** Attempts made. */
  verification_attempts?: number | null;
  /** How it was verified. */
  verification_method?: string | null;
  /** When it was verified. */
  verified_at?: number | string | null;
  /** Warnings. */
  warnings?: Warning[] | null;
}

/** An e-mail verification (`email_verifications[]`; v2's `email`). */
export interface EmailVerification {
  /** Known breaches. */
  breaches?: JsonValue[] | null;
  /** The address. */
  email?: string | null;
  /** Whether it appears in breaches. */
  is_breached?: boolean | null;
  /** Whether it is disposable. */
  is_disposable?: boolean | null;
  /** Whether it is undeliverable. */
  is_undeliverable?: boolean | null;
  /** Verification events. */
  lifecycle?: JsonValue[] | null;
  /** Other sessions with the same address. */
  matches?: SessionMatch[] | null;
  /** The workflow node. */
  node_id?: string | null;
  /** Feature status. */
  status?: FeatureStatus | UnknownValue | null;
  /** Attempts made. */
  verification_attempts?: number | null;
  /** When it was verified. */
  verified_at?: number | string | null;
  /** Warnings. */
  warnings?: Warning[] | null;
}

/** What was screened. */
export interface AmlScreenedData {
  /** Date of birth. */
  date_of_birth?: string | null;
  /** Document number. */
  document_number?: string | null;
  /** Full name (or company name). */
  full_name?: string | null;
  /** Nationality. */
  nationality?: string | null;
}

/** One AML hit (`hits[]`); list providers add their own members, kept in `extra`. */
export interface AmlHit {
  /** Display caption. */
  caption?: string | null;
  /** Lists it was found in. */
  datasets?: string[] | null;
  /** Matching features. */
  features?: JsonObject | null;
  /** First seen. */
  first_seen?: string | null;
  /** Hit id. */
  id?: string | null;
  /** Last change. */
  last_change?: string | null;
  /** Last seen. */
  last_seen?: string | null;
  /** Whether it is a match. */
  match?: boolean | null;
  /** Provider properties. */
  properties?: JsonObject | null;
  /**
   * `Unreviewed`, `Confirmed Match`, `False Positive` or `Inconclusive` (the member's name
   * is not documented; `review_status` is what the review endpoints use).
   */
  review_status?: AmlHitReviewStatus | UnknownValue | null;
  /** Match score (0–1 in v1 payloads). */
  score?: number | null;
  /** Whether the hit is a target. */
  target?: JsonValue | null;
}

/**
 * An AML screening (`aml_screenings[]`; v2's `aml`): of the person in KYC, of the company
 * and of each key person in KYB.
 */
export interface AmlScreening {
  /** `person` or `company`. */
  entity_type?: string | null;
  /** The hits. */
  hits?: AmlHit[] | null;
  /** Whether ongoing monitoring is on. */
  is_ongoing_monitoring_enabled?: boolean | null;
  /** Next monitoring bill date. */
  next_ongoing_monitoring_bill_date?: string | null;
  /** The workflow node. */
  node_id?: string | null;
  /** Last monitoring check. */
  ongoing_monitoring_last_check?: JsonValue | null;
  /** Highest hit score, 0–100. */
  score?: number | null;
  /** What was screened. */
  screened_data?: AmlScreenedData | null;
  /** Feature status. */
  status?: FeatureStatus | UnknownValue | null;
  /** Number of hits. */
  total_hits?: number | null;
  /** Warnings. */
  warnings?: Warning[] | null;
}

/** Device and IP analysis (`ip_analyses[]`; v1 called it `location`). */
export interface IpAnalysis {
  /** Browser. */
  browser_family?: string | null;
  /** Device brand. */
  device_brand?: string | null;
  /** Device fingerprint. */
  device_fingerprint?: string | null;
  /** Device model. */
  device_model?: string | null;
  /** Location compared with the ID document. */
  id_document?: JsonObject | null;
  /** IP details. */
  ip?: JsonObject | null;
  /** IP address. */
  ip_address?: string | null;
  /** City. */
  ip_city?: string | null;
  /** Country name. */
  ip_country?: string | null;
  /** Country code. */
  ip_country_code?: string | null;
  /** State. */
  ip_state?: string | null;
  /** Whether the IP is a data centre's. */
  is_data_center?: boolean | null;
  /** Whether a VPN or Tor was used. */
  is_vpn_or_tor?: boolean | null;
  /** Internet service provider. */
  isp?: string | null;
  /** Latitude. */
  latitude?: number | null;
  /** Longitude. */
  longitude?: number | null;
  /** Other sessions from the same device or IP. */
  matches?: SessionMatch[] | null;
  /** The workflow node. */
  node_id?: string | null;
  /** Organisation. */
  organization?: string | null;
  /** Operating system. */
  os_family?: string | null;
  /** Platform. */
  platform?: string | null;
  /** Location compared with the proof of address. */
  poa_document?: JsonObject | null;
  /** Feature status. */
  status?: FeatureStatus | UnknownValue | null;
  /** Time zone. */
  time_zone?: string | null;
  /** Time-zone offset. */
  time_zone_offset?: number | bigint | string | null;
  /** Warnings. */
  warnings?: Warning[] | null;
}

/** One government-database check. */
export interface DatabaseValidationResult {
  /** Outcome code. */
  outcome_code?: number | bigint | string | null;
  /** Outcome detail. */
  outcome_detail?: string | null;
  /** Service id. */
  service_id?: number | bigint | string | null;
  /** Service name. */
  service_name?: string | null;
  /** Data returned by the source. */
  source_data?: JsonValue | null;
  /** The validation. */
  validation?: JsonValue | null;
}

/** Government-database validation (`database_validations[]`). */
export interface DatabaseValidation {
  /** Errors (member omitted when empty). */
  errors?: JsonValue[] | null;
  /** Issuing state. */
  issuing_state?: string | null;
  /** `full_match`, `partial_match`, `no_match`. */
  match_type?: string | null;
  /** The workflow node. */
  node_id?: string | null;
  /** Data screened. */
  screened_data?: JsonObject | null;
  /** Feature status. */
  status?: FeatureStatus | UnknownValue | null;
  /** `one_by_one`, `two_by_two`, `not_enabled`. */
  validation_type?: string | null;
  /** The checks. */
  validations?: DatabaseValidationResult[] | null;
  /** Warnings. */
  warnings?: Warning[] | null;
}

/** Document AI extraction (`document_ai_documents[]`, KYC only). */
export interface DocumentAiDocument {
  /** Extracted items. */
  items?: JsonValue[] | null;
  /** The workflow node. */
  node_id?: string | null;
  /** Feature status. */
  status?: FeatureStatus | UnknownValue | null;
  /** Warnings. */
  warnings?: Warning[] | null;
}

/** A questionnaire and its answers (`questionnaire_responses[]`). */
export interface QuestionnaireResponse {
  /** Default language. */
  default_language?: string | null;
  /** Description. */
  description?: string | null;
  /** Whether the questionnaire is active. */
  is_active?: boolean | null;
  /** Whether it is a simple questionnaire. */
  is_simple_questionnaire?: boolean | null;
  /** Languages. */
  languages?: string[] | null;
  /** The workflow node. */
  node_id?: string | null;
  /** Publication time. */
  published_at?: number | string | null;
  /** Group id. */
  questionnaire_group_id?: string | null;
  /** Questionnaire id. */
  questionnaire_id?: string | null;
  /** Sections with questions and answers. */
  sections?: JsonValue[] | null;
  /** Feature status. */
  status?: FeatureStatus | UnknownValue | null;
  /** Title. */
  title?: string | null;
  /** Version. */
  version?: number | bigint | string | null;
}

/** A party of a business: officer, beneficial owner, or a party the business added. */
export interface Party {
  /** `person` or `company`. */
  entity_type?: string | null;
  /** Whether the party was skipped. */
  is_skipped?: boolean | null;
  /** Whether the party's KYB sub-session was deleted. */
  kyb_sub_session_deleted?: boolean | null;
  /** Whether the party's KYC session was deleted. */
  kyc_session_deleted?: boolean | null;
  /** The party's child KYC session (fetch its decision separately: it is not embedded). */
  kyc_session_id?: string | null;
  /** `Approved`, `Declined` or `Pending`. */
  kyc_status?: PartyKycStatus | UnknownValue | null;
  /**
   * Role: `ubo`, `shareholder`, `beneficiary`, `settlor`, `protector`, `investor`,
   * `director`, `non_executive_director`, `chairman`, `secretary`, `representative`,
   * `authorized_signatory`, `trustee`, `company_officer`, `founder`, `legal_advisor`, `other`.
   */
  role?: string | null;
  /** Roles. */
  roles?: string[] | null;
  /** Shareholding (`share_class`, …). */
  shareholding?: JsonObject | null;
  /** `REGISTRY` or `USER`. */
  source?: string | null;
}

/**
 * The company as read from the registry (about 37 members with a fixed shape across
 * countries; the undocumented ones are kept in `extra`).
 */
export interface Company {
  /** Beneficial owners. */
  beneficial_owners?: Party[] | null;
  /** Company name. */
  company_name?: string | null;
  /** Company type. */
  company_type?: string | null;
  /** Country code. */
  country_code?: string | null;
  /** Incorporation date. */
  incorporation_date?: string | null;
  /** Officers. */
  officers?: Party[] | null;
  /** Ownership. */
  ownership?: JsonValue | null;
  /** Registration number. */
  registration_number?: string | null;
  /** Raw registry data. */
  registry_data?: JsonValue | null;
}

/** A company-registry check (`registry_checks[]`, KYB). */
export interface RegistryCheck {
  /** The company. */
  company?: Company | null;
  /** Whether registry data has finished loading or the user provided it manually. */
  data_resolved?: boolean | null;
  /** The workflow node. */
  node_id?: string | null;
  /** Ownership structure. */
  ownership_structure?: JsonObject | null;
  /** Feature status (`Approved`, `Declined`, `In Review`, `Not Finished`, `Resub Requested`). */
  status?: FeatureStatus | UnknownValue | null;
  /** Warnings. */
  warnings?: Warning[] | null;
}

/** Parties found in the registry. */
export interface KeyPeopleRegistry {
  /** Beneficial owners. */
  beneficial_owners?: Party[] | null;
  /** Officers. */
  officers?: Party[] | null;
}

/** Parties added by the business (`source: USER`). */
export interface KeyPeopleSubmitted {
  /** The parties. */
  parties?: Party[] | null;
}

/** Progress of the key people's KYC sessions. */
export interface UboKycSummary {
  /** Approved. */
  approved?: number | null;
  /** Flagged. */
  flagged?: number | null;
  /** Pending. */
  pending?: number | null;
  /** Total. */
  total?: number | null;
}

/**
 * Key people (`key_people_checks[]`, KYB): spawns a child KYC session per person who needs
 * one; the status is `Awaiting User` while one is in progress.
 */
export interface KeyPeopleCheck {
  /** The workflow node. */
  node_id?: string | null;
  /** Parties found in the registry. */
  registry?: KeyPeopleRegistry | null;
  /** Feature status. */
  status?: FeatureStatus | UnknownValue | null;
  /** Parties added by the business. */
  submitted?: KeyPeopleSubmitted | null;
  /** KYC progress of the key people. */
  ubo_kyc_summary?: UboKycSummary | null;
  /** Warnings. */
  warnings?: Warning[] | null;
}

/** Company documents (`document_verifications[]`, KYB). */
export interface DocumentVerification {
  /** Counters per document group (e.g. `legal_presence`, `ownership_structure`). */
  groups?: JsonObject | null;
  /** The documents. */
  items?: JsonValue[] | null;
  /** The workflow node. */
  node_id?: string | null;
  /** Groups that must be provided. */
  required_groups?: string[] | null;
  /** Feature status. */
  status?: FeatureStatus | UnknownValue | null;
  /** Warnings. */
  warnings?: Warning[] | null;
}

/**
 * A KYC session's decision (`session_kind` `"user"` or absent). A feature array is `null`
 * (here: `None`) until the workflow has run that feature.
 */
export interface KycSessionData {
  /** v2's singular AML screening. */
  aml?: AmlScreening | null;
  /** AML screenings. */
  aml_screenings?: AmlScreening[] | null;
  /** Callback URL. */
  callback?: string | null;
  /** Contact details. */
  contact_details?: ContactDetails | null;
  /** Creation time. */
  created_at?: number | string | null;
  /** Government-database validations. */
  database_validations?: DatabaseValidation[] | null;
  /** Document AI extractions. */
  document_ai_documents?: DocumentAiDocument[] | null;
  /** v2's singular e-mail verification. */
  email?: EmailVerification | null;
  /** E-mail verifications. */
  email_verifications?: EmailVerification[] | null;
  /** `live` or `sandbox`. */
  environment?: string | null;
  /** Details given at creation to match against. */
  expected_details?: JsonObject | null;
  /** Expiry time. */
  expires_at?: number | string | null;
  /** v2's singular face match. */
  face_match?: FaceMatch | null;
  /** Face matches. */
  face_matches?: FaceMatch[] | null;
  /**
   * Features of the workflow, e.g. `ID_VERIFICATION`, `NFC`, `LIVENESS`, `FACE_MATCH`,
   * `POA`, `PHONE`, `DATABASE_VALIDATION`, `AML`, `IP_ANALYSIS`.
   */
  features?: string[] | string | null;
  /** v2's singular ID verification. */
  id_verification?: IdVerification | null;
  /** ID verifications. */
  id_verifications?: IdVerification[] | null;
  /** Device and IP analyses. */
  ip_analyses?: IpAnalysis[] | null;
  /** v2's singular liveness check. */
  liveness?: LivenessCheck | null;
  /** Liveness checks. */
  liveness_checks?: LivenessCheck[] | null;
  /** What the integrator sent at creation (any JSON). */
  metadata?: JsonValue | null;
  /** v2's singular NFC verification. */
  nfc?: NfcVerification | null;
  /** NFC verifications. */
  nfc_verifications?: NfcVerification[] | null;
  /** v2's singular phone verification. */
  phone?: PhoneVerification | null;
  /** Phone verifications. */
  phone_verifications?: PhoneVerification[] | null;
  /** v2's singular proof of address. */
  poa?: PoaVerification | null;
  /** Proof-of-address verifications. */
  poa_verifications?: PoaVerification[] | null;
  /** Questionnaires. */
  questionnaire_responses?: QuestionnaireResponse[] | JsonObject | null;
  /** Status changes by reviewers and the API. */
  reviews?: Review[] | null;
  /** Session id. */
  session_id?: string | null;
  /** `"user"` (or absent). */
  session_kind?: SessionKind | UnknownValue | null;
  /** Session number. */
  session_number?: number | null;
  /** Verification link. */
  session_url?: string | null;
  /** For an imported session: the original session's id. */
  shared_from_session?: string | null;
  /** Session status. */
  status?: SessionStatus | UnknownValue | null;
  /** The integrator's reference. */
  vendor_data?: string | null;
  /** Workflow. */
  workflow_id?: string | null;
  /** Workflow version. */
  workflow_version?: number | null;
}

/**
 * A KYB (business) session's decision (`session_kind: "business"`). `null` means the feature
 * was not in the workflow.
 */
export interface KybSessionData {
  /** AML screenings of the company and of each key person. */
  aml_screenings?: AmlScreening[] | null;
  /** The business session's id. */
  business_session_id?: string | null;
  /** Callback URL. */
  callback?: string | null;
  /** Contact details. */
  contact_details?: ContactDetails | null;
  /** Creation time. */
  created_at?: number | string | null;
  /** How the decision was reached (newer pages). */
  decision_trace?: JsonObject | null;
  /** Company documents. */
  document_verifications?: DocumentVerification[] | null;
  /** E-mail verifications. */
  email_verifications?: EmailVerification[] | null;
  /** `live` or `sandbox`. */
  environment?: string | null;
  /** Details given at creation to match against. */
  expected_details?: JsonObject | null;
  /** Expiry time. */
  expires_at?: number | string | null;
  /** Features, e.g. `KYB_REGISTRY`, `KYB_COMPANY_AML`, `KYB_DOCUMENTS`, `KYB_KEY_PEOPLE`. */
  features?: string[] | string | null;
  /** Device and IP analyses. */
  ip_analyses?: IpAnalysis[] | null;
  /** Key people. */
  key_people_checks?: KeyPeopleCheck[] | null;
  /** Linked records (newer pages). */
  linked_records?: JsonValue | null;
  /** What the integrator sent at creation (any JSON). */
  metadata?: JsonValue | null;
  /** Phone verifications. */
  phone_verifications?: PhoneVerification[] | null;
  /** Questionnaires. */
  questionnaire_responses?: QuestionnaireResponse[] | JsonObject | null;
  /** Company-registry checks. */
  registry_checks?: RegistryCheck[] | null;
  /** Status changes by reviewers and the API. */
  reviews?: Review[] | null;
  /** Session id. */
  session_id?: string | null;
  /** `"business"`. */
  session_kind?: SessionKind | UnknownValue | null;
  /** Session number. */
  session_number?: number | null;
  /** Verification link. */
  session_url?: string | null;
  /** For an imported session: the original session's id. */
  shared_from_session?: string | null;
  /** Session status. */
  status?: SessionStatus | UnknownValue | null;
  /** A manual status override (newer pages). */
  status_override?: JsonValue | null;
  /** The integrator's business reference. */
  vendor_business_id?: string | null;
  /** The integrator's reference. */
  vendor_data?: string | null;
  /** Workflow. */
  workflow_id?: string | null;
  /** Workflow version. */
  workflow_version?: number | null;
}

/** What to redo on `status: "Resubmitted"` (sent instead of `decision`). */
export interface ResubmitInfo {
  /** Nodes the user must redo. */
  nodes_to_resubmit?: JsonValue[] | null;
  /** Why, keyed by node id. */
  reasons?: JsonObject | null;
}

/** `data` of the nested KYB webhook shape. */
export interface NestedEventData {
  /** The decision (KYB shape). */
  decision?: KycDecision | KybDecision | null;
  /** Features of the workflow. */
  features?: string[] | string | null;
  /** The status before this change. */
  previous_status?: SessionStatus | UnknownValue | null;
  /** Session id. */
  session_id?: string | null;
  /** `"business"`. */
  session_kind?: SessionKind | UnknownValue | null;
  /** The new status. */
  status?: SessionStatus | UnknownValue | null;
  /** The integrator's reference. */
  vendor_data?: string | null;
  /** Workflow. */
  workflow_id?: string | null;
}

/**
 * A webhook delivery's body. One type for every `webhook_type`: which members are present
 * depends on it (see [`WebhookEvent::kind`]).
 */
export interface WebhookEventData {
  /** Your application. */
  application_id?: string | null;
  /** KYB: the business session's id. */
  business_session_id?: string | null;
  /** `user.data.updated` / `business.data.updated`: what changed. */
  changed_fields?: JsonValue[] | JsonObject | null;
  /** When the session was created (Unix seconds). */
  created_at?: number | string | null;
  /** The nested KYB shape's payload. */
  data?: NestedEventData | null;
  /**
   * The session's decision, on `Approved`, `Declined`, `In Review` and (partially)
   * `Abandoned`: the same shape as `GET /v3/session/{id}/decision/`.
   */
  decision?: KycDecision | KybDecision | null;
  /** `sandbox` or `live` (not in the documented sample; optional). */
  environment?: string | null;
  /** The nested KYB shape's event type. */
  event?: WebhookType | UnknownValue | null;
  /** Idempotency key. */
  event_id?: string | null;
  /** What the integrator sent at session creation. */
  metadata?: JsonValue | null;
  /** The status before this change (status events). */
  previous_status?: string | null;
  /** On `Resubmitted`: what to redo. */
  resubmit_info?: ResubmitInfo | null;
  /** Session id. */
  session_id?: string | null;
  /** `"business"` on KYB events. */
  session_kind?: SessionKind | UnknownValue | null;
  /** The new status. */
  status?: string | null;
  /** Unix seconds; equals `X-Timestamp` (an ISO string in the nested KYB shape). */
  timestamp?: number | string | null;
  /** KYB: the integrator's business reference. */
  vendor_business_id?: string | null;
  /** The integrator's reference. */
  vendor_data?: string | null;
  /** The event type. */
  webhook_type?: WebhookType | UnknownValue | null;
  /** Workflow. */
  workflow_id?: string | null;
  /** Workflow version. */
  workflow_version?: number | null;
}

/** An error body (Django REST Framework style). */
export interface ApiErrorBody {
  /** What went wrong (usually a string). */
  detail?: JsonValue | null;
}

// ---- END GENERATED ----

// ---- Session decisions (GET /v3/session/{id}/decision/, import 201) --------------------------

/** A KYC session decision: `session_kind` is `"user"` or absent. */
export interface KycSession extends KycSessionData {
  session_id: string;
  status: SessionStatus | UnknownValue;
  session_kind?: 'user' | UnknownValue | null;
}

/** A KYB (business) session decision. */
export interface KybSession extends KybSessionData {
  session_id: string;
  status: SessionStatus | UnknownValue;
  session_kind: 'business';
}

/** What `parseSessionDecision` returns: narrow on `session_kind`. */
export type SessionDecision = KycSession | KybSession;

/**
 * What `parseImportResponse` returns for a 2xx answer: the compact body (`session_id`,
 * `session_number`, `session_url`, `status`, `workflow_id`, …) or a full decision, KYC or KYB.
 */
export type ImportedSession = SessionDecision;

/** A KYC decision embedded in a webhook (fields as in `KycSession`, none required). */
export interface KycDecision extends KycSessionData {
  session_kind?: 'user' | UnknownValue | null;
}

/** A KYB decision embedded in a webhook. */
export interface KybDecision extends KybSessionData {
  session_kind: 'business';
}

/** The decision of a KYB event (it may leave `session_kind` to the envelope). */
export interface KybEventDecision extends KybSessionData {
  session_kind?: 'business' | null;
}

// ---- Webhook events --------------------------------------------------------------------------

type EnvelopeOwn =
  | 'webhook_type'
  | 'event'
  | 'data'
  | 'status'
  | 'previous_status'
  | 'decision'
  | 'session_kind'
  | 'session_id'
  | 'resubmit_info'
  | 'business_session_id'
  | 'vendor_business_id'
  | 'changed_fields';

/** Members every flat (v3) envelope may carry. */
export interface WebhookEnvelope extends Omit<WebhookEventData, EnvelopeOwn> {
  session_id?: string | null;
}

interface KycSessionEventBase extends WebhookEnvelope {
  session_id: string;
  session_kind?: 'user' | UnknownValue | null;
  status?: SessionStatus | UnknownValue | null;
  previous_status?: SessionStatus | UnknownValue | null;
  /** On `Approved`, `Declined`, `In Review` and (partially) `Abandoned`. */
  decision?: KycDecision | null;
  /** On `Resubmitted`, instead of `decision`. */
  resubmit_info?: ResubmitInfo | null;
}

interface KybSessionEventBase extends WebhookEnvelope {
  session_id: string;
  session_kind: 'business';
  business_session_id?: string | null;
  vendor_business_id?: string | null;
  status?: SessionStatus | UnknownValue | null;
  previous_status?: SessionStatus | UnknownValue | null;
  decision?: KybEventDecision | null;
  resubmit_info?: ResubmitInfo | null;
}

/** `status.updated` for a KYC session. */
export interface KycStatusUpdatedEvent extends KycSessionEventBase {
  webhook_type: 'status.updated';
  status: SessionStatus | UnknownValue;
}

/** `data.updated` for a KYC session. */
export interface KycDataUpdatedEvent extends KycSessionEventBase {
  webhook_type: 'data.updated';
}

/** `status.updated` for a KYB (business) session: KYB fields at the top of the envelope. */
export interface KybStatusUpdatedEvent extends KybSessionEventBase {
  webhook_type: 'status.updated';
  status: SessionStatus | UnknownValue;
}

/** `data.updated` for a KYB session. */
export interface KybDataUpdatedEvent extends KybSessionEventBase {
  webhook_type: 'data.updated';
}

interface EntityEventBase extends WebhookEnvelope {
  status?: EntityStatus | UnknownValue | null;
  previous_status?: EntityStatus | UnknownValue | null;
}

/** `user.status.updated`: a user entity became `ACTIVE`, `FLAGGED` or `BLOCKED`. */
export interface UserStatusUpdatedEvent extends EntityEventBase {
  webhook_type: 'user.status.updated';
}

/** `user.data.updated`. */
export interface UserDataUpdatedEvent extends EntityEventBase {
  webhook_type: 'user.data.updated';
  changed_fields?: JsonValue[] | JsonObject | null;
}

/** `business.status.updated`. */
export interface BusinessStatusUpdatedEvent extends EntityEventBase {
  webhook_type: 'business.status.updated';
  vendor_business_id?: string | null;
}

/** `business.data.updated`. */
export interface BusinessDataUpdatedEvent extends EntityEventBase {
  webhook_type: 'business.data.updated';
  vendor_business_id?: string | null;
  changed_fields?: JsonValue[] | JsonObject | null;
}

/** Events whose members beyond the envelope Didit does not document. */
export interface OtherWebhookEvent<T extends WebhookType> extends WebhookEnvelope {
  webhook_type: T;
  status?: string | null;
  previous_status?: string | null;
}

/** The nested shape of Didit's KYB webhook page: `{ event, event_id, timestamp (ISO), data }`. */
export interface NestedBusinessWebhookEvent {
  webhook_type?: undefined;
  event: WebhookType | UnknownValue;
  event_id?: string | null;
  application_id?: string | null;
  timestamp?: number | string | null;
  data: NestedEventData;
}

/** An event type this version does not know: kept, listed in `modelNotes(event).unknown`. */
export interface UnknownWebhookEvent extends WebhookEnvelope {
  webhook_type: UnknownValue;
  session_kind?: SessionKind | UnknownValue | null;
  status?: string | null;
  previous_status?: string | null;
  decision?: KycDecision | KybDecision | null;
}

/** What `parseWebhookEvent` returns: narrow on `webhook_type`, then on `session_kind`. */
export type WebhookEvent =
  | KycStatusUpdatedEvent
  | KycDataUpdatedEvent
  | KybStatusUpdatedEvent
  | KybDataUpdatedEvent
  | UserStatusUpdatedEvent
  | UserDataUpdatedEvent
  | BusinessStatusUpdatedEvent
  | BusinessDataUpdatedEvent
  | OtherWebhookEvent<'activity.created'>
  | OtherWebhookEvent<'transaction.created'>
  | OtherWebhookEvent<'transaction.status.updated'>
  | OtherWebhookEvent<'travel_rule.status.updated'>
  | NestedBusinessWebhookEvent
  | UnknownWebhookEvent;

// Declarations above without `export` are internal.
export {};
