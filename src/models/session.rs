//! Session decisions: `GET /v3/session/{id}/decision/`, the `decision` of a webhook, and the
//! import 201 body. KYC (`session_kind: "user"`) and KYB (`session_kind: "business"`) share the
//! top-level fields; each feature report is a plural array whose items carry a `node_id`.
//!
//! Field lists follow Didit's data-model pages; where they disagree every documented shape is
//! accepted (v2's singular `id_verification`/`liveness`/… objects next to v3's arrays, `features`
//! as an array or v1's string, `questionnaire_responses` as an array or an object).
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use crate::prelude::*;

use crate::json::{Number, Object, Value};

use super::field::{model, FieldType, Loose, TextOrNumber, Timestamp};
use super::schema::{mask, Shape, Ty};
use super::vocab::{
    AmlHitReviewStatus, FeatureStatus, PartyKycStatus, SessionKind, SessionStatus, Status,
};

type Str = String;
type Int = i64;
type Num = Number;
type Json = Value;
type Obj = Object;
type Feature = Status<FeatureStatus>;

model! {
    /// A warning attached to a feature report (`warnings[]`).
    Warning {
        /// Free-form details, or `null`.
        additional_data: Json,
        /// The feature: `ID_VERIFICATION`, `NFC`, `LIVENESS`, `FACEMATCH`, `PROOF_OF_ADDRESS`,
        /// `PHONE`, `EMAIL`, `AML`, `LOCATION`, `DATABASE_VALIDATION`, `QUESTIONNAIRE`,
        /// `KYB_REGISTRY`, `KYB_DOCUMENTS`, `KYB_KEY_PEOPLE`.
        feature: Str,
        /// `information`, `warning` (a review) or `error` (a decline).
        log_type: Str,
        /// Long human-readable description.
        long_description: Str,
        /// The workflow node that raised it.
        node_id: Str,
        /// A risk code, e.g. `LOW_LIVENESS_SCORE`, `DOCUMENT_EXPIRED`, `POSSIBLE_MATCH_FOUND`.
        risk: Str,
        /// Short human-readable description.
        short_description: Str,
    }
}

model! {
    /// Contact details given at session creation.
    ContactDetails {
        /// E-mail address.
        email: Str,
        /// Language of e-mails sent to the user.
        email_lang: Str,
        /// Phone number.
        phone: Str,
        /// Whether Didit e-mails the user about the session.
        send_notification_emails: bool,
    }
}

model! {
    /// A status change made by a reviewer or through the API (`reviews[]`).
    Review {
        /// The reviewer's comment.
        comment: Str,
        /// When.
        created_at: Timestamp,
        /// The status set.
        new_status: Status<SessionStatus>,
        /// Who: a reviewer, `"API Client"` for API changes, `"Unknown"` when unresolved.
        user: Str,
    }
}

model! {
    /// Another session that matched this one (`matches[]`: duplicate faces, phones, e-mails…).
    SessionMatch {
        /// Whether the match is on an allow list.
        is_allowlisted: bool,
        /// Whether the match is on a block list.
        is_blocklisted: bool,
        /// Presigned URL of the matched image (short-lived).
        match_image_url: Str,
        /// Similarity score.
        score: Num,
        /// The matched session.
        session_id: Str,
        /// The matched session's number.
        session_number: Int,
        /// Similarity, 0–100.
        similarity_percentage: Num,
        /// `session`, `imported`, `list_entry` or `retained_template`.
        source: Str,
        /// The matched session's status.
        status: Status<SessionStatus>,
        /// Details of the matched user.
        user_details: Obj,
        /// The matched session's `vendor_data`.
        vendor_data: Str,
        /// The matched user's vendor id.
        vendor_user_id: Str,
        /// When the matched session was verified.
        verification_date: Str,
    }
}

model! {
    /// Image quality of a document side.
    ImageQualityScore {
        /// A brightness problem, if any.
        brightness_issue: Loose<{ mask::BOOL | mask::STR }>,
        /// Brightness score.
        brightness_score: Num,
        /// Focus score.
        focus_score: Num,
        /// Whether the whole document is in the frame.
        is_document_fully_visible: bool,
        /// Overall score.
        overall_score: Num,
        /// Resolution score.
        resolution_score: Num,
    }
}

model! {
    /// Why an ID verification fell back to another method.
    FallbackFrom {
        /// What was done instead.
        action: Str,
        /// The method that was tried first.
        method: Str,
        /// Why it failed.
        reason: Str,
    }
}

model! {
    /// An identity-document check (`id_verifications[]`; v2's singular `id_verification`).
    IdVerification {
        /// Address as printed on the document.
        address: Str,
        /// Age in years.
        age: Int,
        /// `documentary`, `data_match` or `cryptographic`.
        assurance: Str,
        /// Presigned URL of the back side (short-lived).
        back_image: Str,
        /// Back side taken with the front camera.
        back_image_camera_front: Str,
        /// Image quality of the back side.
        back_image_quality_score: ImageQualityScore,
        /// Presigned URL of the back-side video.
        back_video: Str,
        /// `YYYY-MM-DD`.
        date_of_birth: Str,
        /// Date of issue.
        date_of_issue: Str,
        /// Document number.
        document_number: Str,
        /// Document subtype.
        document_subtype: Str,
        /// E.g. `"Identity Card"`, `"Passport"`.
        document_type: Str,
        /// Expiration date.
        expiration_date: Str,
        /// Country-specific extra fields.
        extra_fields: Obj,
        /// Extra files.
        extra_files: Vec<Json>,
        /// Set when another method was used instead of the first one.
        fallback_from: FallbackFrom,
        /// First name.
        first_name: Str,
        /// Address formatted by Didit.
        formatted_address: Str,
        /// Presigned URL of the front side.
        front_image: Str,
        /// Front side taken with the front camera.
        front_image_camera_front: Str,
        /// Image quality of the front side.
        front_image_quality_score: ImageQualityScore,
        /// Presigned URL of the front-side video.
        front_video: Str,
        /// Full back-side image.
        full_back_image: Str,
        /// Full front-side image.
        full_front_image: Str,
        /// Full name.
        full_name: Str,
        /// `M`, `F` or `U`.
        gender: Str,
        /// Result of an ID lookup (`verification_method: "id_lookup"`).
        id_lookup: Obj,
        /// ISO 3166-1 alpha-3.
        issuing_state: Str,
        /// Issuing state's name.
        issuing_state_name: Str,
        /// Last name.
        last_name: Str,
        /// `SINGLE`, `MARRIED`, `DIVORCED`, `WIDOWED`, `UNKNOWN` (older docs) or e.g. `"Single"`.
        marital_status: Str,
        /// Other sessions with the same document (at most 5).
        matches: Vec<SessionMatch>,
        /// The machine-readable zone.
        mrz: Obj,
        /// ISO 3166-1 alpha-3.
        nationality: Str,
        /// The workflow node (`null` for legacy single-feature sessions).
        node_id: Str,
        /// The address, parsed.
        parsed_address: Obj,
        /// Personal number.
        personal_number: Str,
        /// Place of birth.
        place_of_birth: Str,
        /// Presigned URL of the portrait cut from the document.
        portrait_image: Str,
        /// Feature status.
        status: Feature,
        /// `document`, `id_lookup` or `wallet`.
        verification_method: Str,
        /// The digital wallet (`verification_method: "wallet"`).
        wallet_provider: Str,
        /// Result of a wallet verification.
        wallet_verification: Obj,
        /// Warnings.
        warnings: Vec<Warning>,
    }
}

model! {
    /// Data read from an NFC chip.
    NfcChipData {
        /// Address.
        address: Str,
        /// Date of birth.
        birth_date: Str,
        /// Document number.
        document_number: Str,
        /// Document type.
        document_type: Str,
        /// Expiration date.
        expiration_date: Str,
        /// First name.
        first_name: Str,
        /// Gender.
        gender: Str,
        /// Issuing country.
        issuing_country: Str,
        /// Last name.
        last_name: Str,
        /// Nationality.
        nationality: Str,
        /// Place of birth.
        place_of_birth: Str,
    }
}

model! {
    /// Chip authenticity checks.
    NfcAuthenticity {
        /// Data-group integrity.
        dg_integrity: Loose<{ mask::BOOL | mask::STR }>,
        /// Security-object integrity.
        sod_integrity: Loose<{ mask::BOOL | mask::STR }>,
    }
}

model! {
    /// The chip's signing certificate.
    NfcCertificateSummary {
        /// Issuer.
        issuer: Str,
        /// End of validity.
        not_valid_after: Str,
        /// Start of validity.
        not_valid_before: Str,
        /// Serial number (a string or a number, possibly beyond 2^53).
        serial_number: TextOrNumber,
        /// Subject.
        subject: Str,
    }
}

model! {
    /// An NFC chip read (`nfc_verifications[]`; v2's `nfc`).
    NfcVerification {
        /// Authenticity checks.
        authenticity: NfcAuthenticity,
        /// The signing certificate.
        certificate_summary: NfcCertificateSummary,
        /// Data read from the chip.
        chip_data: NfcChipData,
        /// Whether the NFC step was skipped.
        is_nfc_skipped: bool,
        /// The workflow node.
        node_id: Str,
        /// Presigned URL of the chip's portrait.
        portrait_image: Str,
        /// Presigned URL of the chip's signature image.
        signature_image: Str,
        /// `USER_SKIPPED`, `DOCUMENT_WITHOUT_CHIP`, `CHIP_CERTIFICATE_UNAVAILABLE`,
        /// `DEVICE_WITHOUT_NFC`, `INTEGRATION_WITHOUT_NFC_ACCESS`, `MRZ_KEY_UNAVAILABLE`.
        skip_reason: Str,
        /// Feature status.
        status: Feature,
        /// Warnings.
        warnings: Vec<Warning>,
    }
}

model! {
    /// A liveness check (`liveness_checks[]`; v2's `liveness`).
    LivenessCheck {
        /// Estimated age.
        age_estimation: Num,
        /// Face luminance (passive method).
        face_luminance: Loose<{ mask::NUM | mask::OBJ }>,
        /// Face quality.
        face_quality: Loose<{ mask::NUM | mask::OBJ }>,
        /// Other sessions with the same face.
        matches: Vec<SessionMatch>,
        /// `ACTIVE_3D`, `FLASHING`, `PASSIVE` (some pages: `active`, `passive`).
        method: Str,
        /// The workflow node.
        node_id: Str,
        /// Presigned URL of the reference image.
        reference_image: Str,
        /// 0–100, e.g. `89.92`.
        score: Num,
        /// Feature status.
        status: Feature,
        /// Presigned URL of the video (`null` for passive).
        video_url: Str,
        /// Warnings.
        warnings: Vec<Warning>,
    }
}

model! {
    /// A face match between the selfie and a document or another image (`face_matches[]`).
    FaceMatch {
        /// The workflow node.
        node_id: Str,
        /// 0–100, e.g. `97.99`.
        score: Num,
        /// Presigned URL of the source image.
        source_image: Str,
        /// Session the source image came from.
        source_image_session_id: Str,
        /// Feature status.
        status: Feature,
        /// Presigned URL of the target image.
        target_image: Str,
        /// Warnings.
        warnings: Vec<Warning>,
    }
}

model! {
    /// A proof-of-address check (`poa_verifications[]`; v2's `poa`).
    PoaVerification {
        /// QR codes and barcodes found.
        detected_codes: Vec<Json>,
        /// Presigned URL of the document.
        document_file: Str,
        /// Language of the document.
        document_language: Str,
        /// Document metadata.
        document_metadata: Obj,
        /// Subtype.
        document_subtype: Str,
        /// `UTILITY_BILL`, `BANK_STATEMENT`, `GOVERNMENT_ISSUED_DOCUMENT`, `OTHER_POA_DOCUMENT`, `UNKNOWN`.
        document_type: Str,
        /// Expiration date.
        expiration_date: Str,
        /// E.g. `bank_account_number`, `bank_iban`.
        extra_fields: Obj,
        /// Extra files.
        extra_files: Vec<Json>,
        /// Issue date.
        issue_date: Str,
        /// Issuer.
        issuer: Str,
        /// Issuing state.
        issuing_state: Str,
        /// Name match against the expected details, 0–100.
        name_match_score_expected_details: Num,
        /// Name match against the ID verification, 0–100.
        name_match_score_id_verification: Num,
        /// Name on the document.
        name_on_document: Str,
        /// The workflow node.
        node_id: Str,
        /// Address on the document.
        poa_address: Str,
        /// Address formatted by Didit.
        poa_formatted_address: Str,
        /// Address, parsed.
        poa_parsed_address: Obj,
        /// Feature status.
        status: Feature,
        /// Warnings.
        warnings: Vec<Warning>,
    }
}

model! {
    /// A phone line's carrier.
    PhoneCarrier {
        /// Carrier name.
        name: Str,
        /// Line type.
        kind["type"]: Str,
    }
}

model! {
    /// A phone verification (`phone_verifications[]`; v2's `phone`).
    PhoneVerification {
        /// Carrier.
        carrier: PhoneCarrier,
        /// Country code.
        country_code: Str,
        /// Country name.
        country_name: Str,
        /// Prefix and number.
        full_number: Str,
        /// Whether the number is disposable.
        is_disposable: bool,
        /// Whether the number is virtual.
        is_virtual: bool,
        /// Verification events.
        lifecycle: Vec<Json>,
        /// Other sessions with the same number.
        matches: Vec<SessionMatch>,
        /// The workflow node.
        node_id: Str,
        /// Number without prefix.
        phone_number: Str,
        /// Prefix, e.g. `+34`.
        phone_number_prefix: Str,
        /// Feature status.
        status: Feature,
        /// Attempts made.
        verification_attempts: Int,
        /// How it was verified.
        verification_method: Str,
        /// When it was verified.
        verified_at: Timestamp,
        /// Warnings.
        warnings: Vec<Warning>,
    }
}

model! {
    /// An e-mail verification (`email_verifications[]`; v2's `email`).
    EmailVerification {
        /// Known breaches.
        breaches: Vec<Json>,
        /// The address.
        email: Str,
        /// Whether it appears in breaches.
        is_breached: bool,
        /// Whether it is disposable.
        is_disposable: bool,
        /// Whether it is undeliverable.
        is_undeliverable: bool,
        /// Verification events.
        lifecycle: Vec<Json>,
        /// Other sessions with the same address.
        matches: Vec<SessionMatch>,
        /// The workflow node.
        node_id: Str,
        /// Feature status.
        status: Feature,
        /// Attempts made.
        verification_attempts: Int,
        /// When it was verified.
        verified_at: Timestamp,
        /// Warnings.
        warnings: Vec<Warning>,
    }
}

model! {
    /// What was screened.
    AmlScreenedData {
        /// Date of birth.
        date_of_birth: Str,
        /// Document number.
        document_number: Str,
        /// Full name (or company name).
        full_name: Str,
        /// Nationality.
        nationality: Str,
    }
}

model! {
    /// One AML hit (`hits[]`); list providers add their own members, kept in `extra`.
    AmlHit {
        /// Display caption.
        caption: Str,
        /// Lists it was found in.
        datasets: Vec<Str>,
        /// Matching features.
        features: Obj,
        /// First seen.
        first_seen: Str,
        /// Hit id.
        id: Str,
        /// Last change.
        last_change: Str,
        /// Last seen.
        last_seen: Str,
        /// Whether it is a match.
        matched["match"]: bool,
        /// Provider properties.
        properties: Obj,
        /// `Unreviewed`, `Confirmed Match`, `False Positive` or `Inconclusive` (the member's name
        /// is not documented; `review_status` is what the review endpoints use).
        review_status: Status<AmlHitReviewStatus>,
        /// Match score (0–1 in v1 payloads).
        score: Num,
        /// Whether the hit is a target.
        target: Json,
    }
}

model! {
    /// An AML screening (`aml_screenings[]`; v2's `aml`): of the person in KYC, of the company
    /// and of each key person in KYB.
    AmlScreening {
        /// `person` or `company`.
        entity_type: Str,
        /// The hits.
        hits: Vec<AmlHit>,
        /// Whether ongoing monitoring is on.
        is_ongoing_monitoring_enabled: bool,
        /// Next monitoring bill date.
        next_ongoing_monitoring_bill_date: Str,
        /// The workflow node.
        node_id: Str,
        /// Last monitoring check.
        ongoing_monitoring_last_check: Json,
        /// Highest hit score, 0–100.
        score: Num,
        /// What was screened.
        screened_data: AmlScreenedData,
        /// Feature status.
        status: Feature,
        /// Number of hits.
        total_hits: Int,
        /// Warnings.
        warnings: Vec<Warning>,
    }
}

model! {
    /// Device and IP analysis (`ip_analyses[]`; v1 called it `location`).
    IpAnalysis {
        /// Browser.
        browser_family: Str,
        /// Device brand.
        device_brand: Str,
        /// Device fingerprint.
        device_fingerprint: Str,
        /// Device model.
        device_model: Str,
        /// Location compared with the ID document.
        id_document: Obj,
        /// IP details.
        ip: Obj,
        /// IP address.
        ip_address: Str,
        /// City.
        ip_city: Str,
        /// Country name.
        ip_country: Str,
        /// Country code.
        ip_country_code: Str,
        /// State.
        ip_state: Str,
        /// Whether the IP is a data centre's.
        is_data_center: bool,
        /// Whether a VPN or Tor was used.
        is_vpn_or_tor: bool,
        /// Internet service provider.
        isp: Str,
        /// Latitude.
        latitude: Num,
        /// Longitude.
        longitude: Num,
        /// Other sessions from the same device or IP.
        matches: Vec<SessionMatch>,
        /// The workflow node.
        node_id: Str,
        /// Organisation.
        organization: Str,
        /// Operating system.
        os_family: Str,
        /// Platform.
        platform: Str,
        /// Location compared with the proof of address.
        poa_document: Obj,
        /// Feature status.
        status: Feature,
        /// Time zone.
        time_zone: Str,
        /// Time-zone offset.
        time_zone_offset: TextOrNumber,
        /// Warnings.
        warnings: Vec<Warning>,
    }
}

model! {
    /// One government-database check.
    DatabaseValidationResult {
        /// Outcome code.
        outcome_code: TextOrNumber,
        /// Outcome detail.
        outcome_detail: Str,
        /// Service id.
        service_id: TextOrNumber,
        /// Service name.
        service_name: Str,
        /// Data returned by the source.
        source_data: Json,
        /// The validation.
        validation: Json,
    }
}

model! {
    /// Government-database validation (`database_validations[]`).
    DatabaseValidation {
        /// Errors (member omitted when empty).
        errors: Vec<Json>,
        /// Issuing state.
        issuing_state: Str,
        /// `full_match`, `partial_match`, `no_match`.
        match_type: Str,
        /// The workflow node.
        node_id: Str,
        /// Data screened.
        screened_data: Obj,
        /// Feature status.
        status: Feature,
        /// `one_by_one`, `two_by_two`, `not_enabled`.
        validation_type: Str,
        /// The checks.
        validations: Vec<DatabaseValidationResult>,
        /// Warnings.
        warnings: Vec<Warning>,
    }
}

model! {
    /// Document AI extraction (`document_ai_documents[]`, KYC only).
    DocumentAiDocument {
        /// Extracted items.
        items: Vec<Json>,
        /// The workflow node.
        node_id: Str,
        /// Feature status.
        status: Feature,
        /// Warnings.
        warnings: Vec<Warning>,
    }
}

model! {
    /// A questionnaire and its answers (`questionnaire_responses[]`).
    QuestionnaireResponse {
        /// Default language.
        default_language: Str,
        /// Description.
        description: Str,
        /// Whether the questionnaire is active.
        is_active: bool,
        /// Whether it is a simple questionnaire.
        is_simple_questionnaire: bool,
        /// Languages.
        languages: Vec<Str>,
        /// The workflow node.
        node_id: Str,
        /// Publication time.
        published_at: Timestamp,
        /// Group id.
        questionnaire_group_id: Str,
        /// Questionnaire id.
        questionnaire_id: Str,
        /// Sections with questions and answers.
        sections: Vec<Json>,
        /// Feature status.
        status: Feature,
        /// Title.
        title: Str,
        /// Version.
        version: TextOrNumber,
    }
}

model! {
    /// A party of a business: officer, beneficial owner, or a party the business added.
    Party {
        /// `person` or `company`.
        entity_type: Str,
        /// Whether the party was skipped.
        is_skipped: bool,
        /// Whether the party's KYB sub-session was deleted.
        kyb_sub_session_deleted: bool,
        /// Whether the party's KYC session was deleted.
        kyc_session_deleted: bool,
        /// The party's child KYC session (fetch its decision separately: it is not embedded).
        kyc_session_id: Str,
        /// `Approved`, `Declined` or `Pending`.
        kyc_status: Status<PartyKycStatus>,
        /// Role: `ubo`, `shareholder`, `beneficiary`, `settlor`, `protector`, `investor`,
        /// `director`, `non_executive_director`, `chairman`, `secretary`, `representative`,
        /// `authorized_signatory`, `trustee`, `company_officer`, `founder`, `legal_advisor`, `other`.
        role: Str,
        /// Roles.
        roles: Vec<Str>,
        /// Shareholding (`share_class`, …).
        shareholding: Obj,
        /// `REGISTRY` or `USER`.
        source: Str,
    }
}

model! {
    /// The company as read from the registry (about 37 members with a fixed shape across
    /// countries; the undocumented ones are kept in `extra`).
    Company {
        /// Beneficial owners.
        beneficial_owners: Vec<Party>,
        /// Company name.
        company_name: Str,
        /// Company type.
        company_type: Str,
        /// Country code.
        country_code: Str,
        /// Incorporation date.
        incorporation_date: Str,
        /// Officers.
        officers: Vec<Party>,
        /// Ownership.
        ownership: Json,
        /// Registration number.
        registration_number: Str,
        /// Raw registry data.
        registry_data: Json,
    }
}

model! {
    /// A company-registry check (`registry_checks[]`, KYB).
    RegistryCheck {
        /// The company.
        company: Company,
        /// Whether registry data has finished loading or the user provided it manually.
        data_resolved: bool,
        /// The workflow node.
        node_id: Str,
        /// Ownership structure.
        ownership_structure: Obj,
        /// Feature status (`Approved`, `Declined`, `In Review`, `Not Finished`, `Resub Requested`).
        status: Feature,
        /// Warnings.
        warnings: Vec<Warning>,
    }
}

model! {
    /// Parties found in the registry.
    KeyPeopleRegistry {
        /// Beneficial owners.
        beneficial_owners: Vec<Party>,
        /// Officers.
        officers: Vec<Party>,
    }
}

model! {
    /// Parties added by the business (`source: USER`).
    KeyPeopleSubmitted {
        /// The parties.
        parties: Vec<Party>,
    }
}

model! {
    /// Progress of the key people's KYC sessions.
    UboKycSummary {
        /// Approved.
        approved: Int,
        /// Flagged.
        flagged: Int,
        /// Pending.
        pending: Int,
        /// Total.
        total: Int,
    }
}

model! {
    /// Key people (`key_people_checks[]`, KYB): spawns a child KYC session per person who needs
    /// one; the status is `Awaiting User` while one is in progress.
    KeyPeopleCheck {
        /// The workflow node.
        node_id: Str,
        /// Parties found in the registry.
        registry: KeyPeopleRegistry,
        /// Feature status.
        status: Feature,
        /// Parties added by the business.
        submitted: KeyPeopleSubmitted,
        /// KYC progress of the key people.
        ubo_kyc_summary: UboKycSummary,
        /// Warnings.
        warnings: Vec<Warning>,
    }
}

model! {
    /// Company documents (`document_verifications[]`, KYB).
    DocumentVerification {
        /// Counters per document group (e.g. `legal_presence`, `ownership_structure`).
        groups: Obj,
        /// The documents.
        items: Vec<Json>,
        /// The workflow node.
        node_id: Str,
        /// Groups that must be provided.
        required_groups: Vec<Str>,
        /// Feature status.
        status: Feature,
        /// Warnings.
        warnings: Vec<Warning>,
    }
}

/// `features`: an array of feature names (`"ID_VERIFICATION"`, `"KYB_REGISTRY"`…), or v1's string
/// (`"OCR + FACE"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Features {
    /// v2 and v3.
    List(Vec<String>),
    /// v1.
    Text(String),
}

impl FieldType for Features {
    const TY: Ty = Ty {
        elem: Some(&String::TY),
        ..Ty::of(mask::ARR | mask::STR)
    };
    fn read(v: &Value) -> Option<Self> {
        match v {
            Value::String(s) => Some(Features::Text(s.clone())),
            _ => Vec::<String>::read(v).map(Features::List),
        }
    }
    fn write(&self) -> Value {
        match self {
            Features::List(l) => l.write(),
            Features::Text(t) => t.write(),
        }
    }
    #[cfg(test)]
    fn ts() -> String {
        "string[] | string".into()
    }
}

/// `questionnaire_responses`: an array of questionnaires (the data-model page), or an object of
/// answers keyed by question node (the integration prompt).
#[derive(Debug, Clone, PartialEq)]
pub enum QuestionnaireResponses {
    /// The array form.
    List(Vec<QuestionnaireResponse>),
    /// The object form.
    Map(Object),
}

impl FieldType for QuestionnaireResponses {
    const TY: Ty = Ty {
        elem: Some(&QuestionnaireResponse::TY),
        ..Ty::of(mask::ARR | mask::OBJ)
    };
    fn read(v: &Value) -> Option<Self> {
        match v {
            Value::Object(o) => Some(QuestionnaireResponses::Map(o.clone())),
            _ => Vec::<QuestionnaireResponse>::read(v).map(QuestionnaireResponses::List),
        }
    }
    fn write(&self) -> Value {
        match self {
            QuestionnaireResponses::List(l) => l.write(),
            QuestionnaireResponses::Map(m) => m.write(),
        }
    }
    #[cfg(test)]
    fn ts() -> String {
        "QuestionnaireResponse[] | JsonObject".into()
    }
}

model! {
    /// A KYC session's decision (`session_kind` `"user"` or absent). A feature array is `null`
    /// (here: `None`) until the workflow has run that feature.
    KycSession {
        /// v2's singular AML screening.
        aml: AmlScreening,
        /// AML screenings.
        aml_screenings: Vec<AmlScreening>,
        /// Callback URL.
        callback: Str,
        /// Contact details.
        contact_details: ContactDetails,
        /// Creation time.
        created_at: Timestamp,
        /// Government-database validations.
        database_validations: Vec<DatabaseValidation>,
        /// Document AI extractions.
        document_ai_documents: Vec<DocumentAiDocument>,
        /// v2's singular e-mail verification.
        email: EmailVerification,
        /// E-mail verifications.
        email_verifications: Vec<EmailVerification>,
        /// `live` or `sandbox`.
        environment: Str,
        /// Details given at creation to match against.
        expected_details: Obj,
        /// Expiry time.
        expires_at: Timestamp,
        /// v2's singular face match.
        face_match: FaceMatch,
        /// Face matches.
        face_matches: Vec<FaceMatch>,
        /// Features of the workflow, e.g. `ID_VERIFICATION`, `NFC`, `LIVENESS`, `FACE_MATCH`,
        /// `POA`, `PHONE`, `DATABASE_VALIDATION`, `AML`, `IP_ANALYSIS`.
        features: Features,
        /// v2's singular ID verification.
        id_verification: IdVerification,
        /// ID verifications.
        id_verifications: Vec<IdVerification>,
        /// Device and IP analyses.
        ip_analyses: Vec<IpAnalysis>,
        /// v2's singular liveness check.
        liveness: LivenessCheck,
        /// Liveness checks.
        liveness_checks: Vec<LivenessCheck>,
        /// What the integrator sent at creation (any JSON).
        metadata: Json,
        /// v2's singular NFC verification.
        nfc: NfcVerification,
        /// NFC verifications.
        nfc_verifications: Vec<NfcVerification>,
        /// v2's singular phone verification.
        phone: PhoneVerification,
        /// Phone verifications.
        phone_verifications: Vec<PhoneVerification>,
        /// v2's singular proof of address.
        poa: PoaVerification,
        /// Proof-of-address verifications.
        poa_verifications: Vec<PoaVerification>,
        /// Questionnaires.
        questionnaire_responses: QuestionnaireResponses,
        /// Status changes by reviewers and the API.
        reviews: Vec<Review>,
        /// Session id.
        session_id: Str,
        /// `"user"` (or absent).
        session_kind: Status<SessionKind>,
        /// Session number.
        session_number: Int,
        /// Verification link.
        session_url: Str,
        /// For an imported session: the original session's id.
        shared_from_session: Str,
        /// Session status.
        status: Status<SessionStatus>,
        /// The integrator's reference.
        vendor_data: Str,
        /// Workflow.
        workflow_id: Str,
        /// Workflow version.
        workflow_version: Int,
    }
}

model! {
    /// A KYB (business) session's decision (`session_kind: "business"`). `null` means the feature
    /// was not in the workflow.
    KybSession {
        /// AML screenings of the company and of each key person.
        aml_screenings: Vec<AmlScreening>,
        /// The business session's id.
        business_session_id: Str,
        /// Callback URL.
        callback: Str,
        /// Contact details.
        contact_details: ContactDetails,
        /// Creation time.
        created_at: Timestamp,
        /// How the decision was reached (newer pages).
        decision_trace: Obj,
        /// Company documents.
        document_verifications: Vec<DocumentVerification>,
        /// E-mail verifications.
        email_verifications: Vec<EmailVerification>,
        /// `live` or `sandbox`.
        environment: Str,
        /// Details given at creation to match against.
        expected_details: Obj,
        /// Expiry time.
        expires_at: Timestamp,
        /// Features, e.g. `KYB_REGISTRY`, `KYB_COMPANY_AML`, `KYB_DOCUMENTS`, `KYB_KEY_PEOPLE`.
        features: Features,
        /// Device and IP analyses.
        ip_analyses: Vec<IpAnalysis>,
        /// Key people.
        key_people_checks: Vec<KeyPeopleCheck>,
        /// Linked records (newer pages).
        linked_records: Json,
        /// What the integrator sent at creation (any JSON).
        metadata: Json,
        /// Phone verifications.
        phone_verifications: Vec<PhoneVerification>,
        /// Questionnaires.
        questionnaire_responses: QuestionnaireResponses,
        /// Company-registry checks.
        registry_checks: Vec<RegistryCheck>,
        /// Status changes by reviewers and the API.
        reviews: Vec<Review>,
        /// Session id.
        session_id: Str,
        /// `"business"`.
        session_kind: Status<SessionKind>,
        /// Session number.
        session_number: Int,
        /// Verification link.
        session_url: Str,
        /// For an imported session: the original session's id.
        shared_from_session: Str,
        /// Session status.
        status: Status<SessionStatus>,
        /// A manual status override (newer pages).
        status_override: Json,
        /// The integrator's business reference.
        vendor_business_id: Str,
        /// The integrator's reference.
        vendor_data: Str,
        /// Workflow.
        workflow_id: Str,
        /// Workflow version.
        workflow_version: Int,
    }
}

/// What the validator checks a session against: KYC's fields, then KYB's (a decision's kind is
/// only known from `session_kind`, which Didit's sorted keys put after most features).
pub(crate) const SESSION: Shape = Shape {
    name: "Session",
    names: KycSession::SHAPE.names,
    types: KycSession::SHAPE.types,
    also: Some(&KybSession::SHAPE),
};

pub(crate) const SESSION_TY: Ty = Ty::object(&SESSION);

/// A session decision: KYC or KYB.
#[derive(Debug, Clone, PartialEq)]
pub enum Session {
    /// `session_kind` `"user"`, absent, or a kind this version does not know.
    Kyc(Box<KycSession>),
    /// `session_kind: "business"`.
    Kyb(Box<KybSession>),
}

impl Session {
    /// Reads a validated value as KYB if its `session_kind` (or, when it has none, `default_kind`)
    /// is `"business"`, else as KYC.
    pub(crate) fn read_as(v: &Value, default_business: bool) -> Option<Self> {
        let business = match v.as_object()?.get("session_kind") {
            Some(Value::String(k)) => k == "business",
            _ => default_business,
        };
        if business {
            KybSession::from_value(v).map(|s| Session::Kyb(Box::new(s)))
        } else {
            KycSession::from_value(v).map(|s| Session::Kyc(Box::new(s)))
        }
    }

    /// `SessionKind::User` or `SessionKind::Business`.
    pub fn kind(&self) -> SessionKind {
        match self {
            Session::Kyc(_) => SessionKind::User,
            Session::Kyb(_) => SessionKind::Business,
        }
    }

    /// The session id.
    pub fn session_id(&self) -> Option<&str> {
        match self {
            Session::Kyc(s) => s.session_id.as_deref(),
            Session::Kyb(s) => s.session_id.as_deref(),
        }
    }

    /// The session status.
    pub fn status(&self) -> Option<&Status<SessionStatus>> {
        match self {
            Session::Kyc(s) => s.status.as_ref(),
            Session::Kyb(s) => s.status.as_ref(),
        }
    }

    /// The value again (typed fields, then unknown members).
    pub fn to_value(&self) -> Value {
        match self {
            Session::Kyc(s) => s.to_value(),
            Session::Kyb(s) => s.to_value(),
        }
    }
}

impl FieldType for Session {
    const TY: Ty = SESSION_TY;
    fn read(v: &Value) -> Option<Self> {
        Session::read_as(v, false)
    }
    fn write(&self) -> Value {
        self.to_value()
    }
    #[cfg(test)]
    fn ts() -> String {
        "KycDecision | KybDecision".into()
    }
}
