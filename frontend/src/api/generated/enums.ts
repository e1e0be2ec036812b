// Generated from openapi/schema.yaml by scripts/gen-enums.mjs (`npm run gen:api`): do not edit.
// A label map typed `Record<XEnum, string>` fails to compile when the API gains or loses a value.
import type { components } from './schema';

/** Every value of `AssignmentState`, in the API's order. */
export type AssignmentState = components['schemas']['AssignmentState'];
export const assignmentStateValues = ['planned', 'started', 'completed', 'cancelled'] as const satisfies readonly AssignmentState[];

/** Every value of `BulkReviewAction`, in the API's order. */
export type BulkReviewAction = components['schemas']['BulkReviewAction'];
export const bulkReviewActionValues = ['approve', 'return'] as const satisfies readonly BulkReviewAction[];

/** Every value of `CatalogueStatus`, in the API's order. */
export type CatalogueStatus = components['schemas']['CatalogueStatus'];
export const catalogueStatusValues = ['draft', 'published'] as const satisfies readonly CatalogueStatus[];

/** Every value of `ChangeKind`, in the API's order. */
export type ChangeKind = components['schemas']['ChangeKind'];
export const changeKindValues = ['transfer', 'secondment', 'leave', 'retire', 'retire_cadre', 'resign', 'leave_job', 'dismiss', 'contract_end', 'death', 'missing', 'return'] as const satisfies readonly ChangeKind[];

/** Every value of `ClaimKind`, in the API's order. */
export type ClaimKind = components['schemas']['ClaimKind'];
export const claimKindValues = ['programme', 'degree', 'school_based', 'publication', 'exchange', 'research', 'self_study', 'other'] as const satisfies readonly ClaimKind[];

/** Every value of `ClaimSource`, in the API's order. */
export type ClaimSource = components['schemas']['ClaimSource'];
export const claimSourceValues = ['filed', 'completion'] as const satisfies readonly ClaimSource[];

/** Every value of `ColumnMatchSource`, in the API's order. */
export type ColumnMatchSource = components['schemas']['ColumnMatchSource'];
export const columnMatchSourceValues = ['code_row', 'name', 'synonym', 'loose', 'mapping', 'proposal', 'hidden', 'duplicate', 'system', 'none'] as const satisfies readonly ColumnMatchSource[];

/** Every value of `ComplianceStatus`, in the API's order. */
export type ComplianceStatus = components['schemas']['ComplianceStatus'];
export const complianceStatusValues = ['compliant', 'on_track', 'behind'] as const satisfies readonly ComplianceStatus[];

/** Every value of `CreatableLevel`, in the API's order. */
export type CreatableLevel = components['schemas']['CreatableLevel'];
export const creatableLevelValues = ['province', 'city', 'county', 'school'] as const satisfies readonly CreatableLevel[];

/** Every value of `DataType`, in the API's order. */
export type DataType = components['schemas']['DataType'];
export const dataTypeValues = ['text', 'integer', 'decimal', 'date', 'year_month', 'boolean', 'code', 'multi_code', 'id_number', 'phone', 'email', 'org_ref'] as const satisfies readonly DataType[];

/** Every value of `DecisionAction`, in the API's order. */
export type DecisionAction = components['schemas']['DecisionAction'];
export const decisionActionValues = ['submit', 'approve', 'return', 'withdraw'] as const satisfies readonly DecisionAction[];

/** Every value of `ExportState`, in the API's order. */
export type ExportState = components['schemas']['ExportState'];
export const exportStateValues = ['queued', 'running', 'done', 'failed', 'cancelled', 'downloaded'] as const satisfies readonly ExportState[];

/** Every value of `FeedEventType`, in the API's order. */
export type FeedEventType = components['schemas']['FeedEventType'];
export const feedEventTypeValues = ['teacher', 'group_record', 'organisation', 'review'] as const satisfies readonly FeedEventType[];

/** Every value of `FileFormat`, in the API's order. */
export type FileFormat = components['schemas']['FileFormat'];
export const fileFormatValues = ['xlsx', 'csv'] as const satisfies readonly FileFormat[];

/** Every value of `GroupRole`, in the API's order. */
export type GroupRole = components['schemas']['GroupRole'];
export const groupRoleValues = ['leader', 'deputy', 'liaison', 'technical', 'member'] as const satisfies readonly GroupRole[];

/** Every value of `ImportGroupMode`, in the API's order. */
export type ImportGroupMode = components['schemas']['ImportGroupMode'];
export const importGroupModeValues = ['append', 'replace'] as const satisfies readonly ImportGroupMode[];

/** Every value of `ImportMode`, in the API's order. */
export type ImportMode = components['schemas']['ImportMode'];
export const importModeValues = ['create', 'upsert'] as const satisfies readonly ImportMode[];

/** Every value of `ImportSeverity`, in the API's order. */
export type ImportSeverity = components['schemas']['ImportSeverity'];
export const importSeverityValues = ['error', 'warning'] as const satisfies readonly ImportSeverity[];

/** Every value of `JobKind`, in the API's order. */
export type JobKind = components['schemas']['JobKind'];
export const jobKindValues = ['export', 'import'] as const satisfies readonly JobKind[];

/** Every value of `JobState`, in the API's order. */
export type JobState = components['schemas']['JobState'];
export const jobStateValues = ['queued', 'running', 'done', 'failed', 'cancelled'] as const satisfies readonly JobState[];

/** Every value of `Op`, in the API's order. */
export type Op = components['schemas']['Op'];
export const opValues = ['create', 'update', 'state', 'delete'] as const satisfies readonly Op[];

/** Every value of `OrganisationLevel`, in the API's order. */
export type OrganisationLevel = components['schemas']['OrganisationLevel'];
export const organisationLevelValues = ['central', 'province', 'city', 'county', 'school'] as const satisfies readonly OrganisationLevel[];

/** Every value of `OrganisationOrigin`, in the API's order. */
export type OrganisationOrigin = components['schemas']['OrganisationOrigin'];
export const organisationOriginValues = ['local', 'mirrored'] as const satisfies readonly OrganisationOrigin[];

/** Every value of `PlanState`, in the API's order. */
export type PlanState = components['schemas']['PlanState'];
export const planStateValues = ['draft', 'submitted', 'in_review', 'approved', 'returned', 'withdrawn'] as const satisfies readonly PlanState[];

/** Every value of `QualitySeverity`, in the API's order. */
export type QualitySeverity = components['schemas']['QualitySeverity'];
export const qualitySeverityValues = ['error', 'warning'] as const satisfies readonly QualitySeverity[];

/** Every value of `RecordState`, in the API's order. */
export type RecordState = components['schemas']['RecordState'];
export const recordStateValues = ['draft', 'submitted', 'in_review', 'approved', 'returned'] as const satisfies readonly RecordState[];

/** Every value of `ReviewKind`, in the API's order. */
export type ReviewKind = components['schemas']['ReviewKind'];
export const reviewKindValues = ['teacher_info', 'teacher_change', 'teacher_key_change', 'transfer', 'teacher_status', 'training_claim', 'rotation_plan'] as const satisfies readonly ReviewKind[];

/** Every value of `ReviewLevel`, in the API's order. */
export type ReviewLevel = components['schemas']['ReviewLevel'];
export const reviewLevelValues = ['school', 'county', 'city', 'province'] as const satisfies readonly ReviewLevel[];

/** Every value of `ReviewState`, in the API's order. */
export type ReviewState = components['schemas']['ReviewState'];
export const reviewStateValues = ['submitted', 'in_review', 'approved', 'returned', 'withdrawn'] as const satisfies readonly ReviewState[];

/** Every value of `Role`, in the API's order. */
export type Role = components['schemas']['Role'];
export const roleValues = ['filler', 'reviewer', 'admin', 'viewer', 'sysadmin', 'secadmin', 'auditor', 'service', 'teacher'] as const satisfies readonly Role[];

/** Every value of `SchoolStage`, in the API's order. */
export type SchoolStage = components['schemas']['SchoolStage'];
export const schoolStageValues = ['kindergarten', 'primary_secondary', 'secondary_vocational', 'special', 'higher'] as const satisfies readonly SchoolStage[];

/** Every value of `TimelineEntryAction`, in the API's order. */
export type TimelineEntryAction = components['schemas']['TimelineEntryAction'];
export const timelineEntryActionValues = ['filled', 'changed', 'removed', 'submit', 'approve', 'return', 'withdraw'] as const satisfies readonly TimelineEntryAction[];
