// Generated from openapi/schema.yaml by scripts/gen-enums.mjs (`npm run gen:api`): do not edit.
// A label map typed `Record<XEnum, string>` fails to compile when the API gains or loses a value.
import type { components } from './schema';

/** Every value of `AssignmentStateEnum`, in the API's order. */
export type AssignmentStateEnum = components['schemas']['AssignmentStateEnum'];
export const assignmentStateEnumValues = ['planned', 'started', 'completed', 'cancelled'] as const satisfies readonly AssignmentStateEnum[];

/** Every value of `BulkActionEnum`, in the API's order. */
export type BulkActionEnum = components['schemas']['BulkActionEnum'];
export const bulkActionEnumValues = ['approve', 'return'] as const satisfies readonly BulkActionEnum[];

/** Every value of `ChangeKindEnum`, in the API's order. */
export type ChangeKindEnum = components['schemas']['ChangeKindEnum'];
export const changeKindEnumValues = ['transfer', 'secondment', 'leave', 'retire', 'retire_cadre', 'resign', 'leave_job', 'dismiss', 'contract_end', 'death', 'missing', 'return'] as const satisfies readonly ChangeKindEnum[];

/** Every value of `ClaimKindEnum`, in the API's order. */
export type ClaimKindEnum = components['schemas']['ClaimKindEnum'];
export const claimKindEnumValues = ['programme', 'degree', 'school_based', 'publication', 'exchange', 'research', 'self_study', 'other'] as const satisfies readonly ClaimKindEnum[];

/** Every value of `ColumnMatchSourceEnum`, in the API's order. */
export type ColumnMatchSourceEnum = components['schemas']['ColumnMatchSourceEnum'];
export const columnMatchSourceEnumValues = ['code_row', 'name', 'synonym', 'loose', 'mapping', 'proposal', 'hidden', 'duplicate', 'system', 'none'] as const satisfies readonly ColumnMatchSourceEnum[];

/** Every value of `ComplianceStatusEnum`, in the API's order. */
export type ComplianceStatusEnum = components['schemas']['ComplianceStatusEnum'];
export const complianceStatusEnumValues = ['compliant', 'on_track', 'behind'] as const satisfies readonly ComplianceStatusEnum[];

/** Every value of `CreatableLevelEnum`, in the API's order. */
export type CreatableLevelEnum = components['schemas']['CreatableLevelEnum'];
export const creatableLevelEnumValues = ['province', 'city', 'county', 'school'] as const satisfies readonly CreatableLevelEnum[];

/** Every value of `DataTypeEnum`, in the API's order. */
export type DataTypeEnum = components['schemas']['DataTypeEnum'];
export const dataTypeEnumValues = ['text', 'integer', 'decimal', 'date', 'year_month', 'boolean', 'code', 'multi_code', 'id_number', 'phone', 'email', 'org_ref'] as const satisfies readonly DataTypeEnum[];

/** Every value of `DecisionActionEnum`, in the API's order. */
export type DecisionActionEnum = components['schemas']['DecisionActionEnum'];
export const decisionActionEnumValues = ['submit', 'approve', 'return', 'withdraw'] as const satisfies readonly DecisionActionEnum[];

/** Every value of `ExportStateEnum`, in the API's order. */
export type ExportStateEnum = components['schemas']['ExportStateEnum'];
export const exportStateEnumValues = ['queued', 'running', 'done', 'failed', 'cancelled', 'downloaded'] as const satisfies readonly ExportStateEnum[];

/** Every value of `FormatEnum`, in the API's order. */
export type FormatEnum = components['schemas']['FormatEnum'];
export const formatEnumValues = ['xlsx', 'csv'] as const satisfies readonly FormatEnum[];

/** Every value of `GroupModeEnum`, in the API's order. */
export type GroupModeEnum = components['schemas']['GroupModeEnum'];
export const groupModeEnumValues = ['append', 'replace'] as const satisfies readonly GroupModeEnum[];

/** Every value of `GroupRoleEnum`, in the API's order. */
export type GroupRoleEnum = components['schemas']['GroupRoleEnum'];
export const groupRoleEnumValues = ['leader', 'deputy', 'liaison', 'technical', 'member'] as const satisfies readonly GroupRoleEnum[];

/** Every value of `JobKindEnum`, in the API's order. */
export type JobKindEnum = components['schemas']['JobKindEnum'];
export const jobKindEnumValues = ['export', 'import'] as const satisfies readonly JobKindEnum[];

/** Every value of `JobStateEnum`, in the API's order. */
export type JobStateEnum = components['schemas']['JobStateEnum'];
export const jobStateEnumValues = ['queued', 'running', 'done', 'failed', 'cancelled'] as const satisfies readonly JobStateEnum[];

/** Every value of `KindEnum`, in the API's order. */
export type KindEnum = components['schemas']['KindEnum'];
export const kindEnumValues = ['teacher_info', 'teacher_change', 'teacher_key_change', 'transfer', 'teacher_status', 'training_claim', 'rotation_plan'] as const satisfies readonly KindEnum[];

/** Every value of `LevelsEnum`, in the API's order. */
export type LevelsEnum = components['schemas']['LevelsEnum'];
export const levelsEnumValues = ['school', 'county', 'city', 'province'] as const satisfies readonly LevelsEnum[];

/** Every value of `ModeEnum`, in the API's order. */
export type ModeEnum = components['schemas']['ModeEnum'];
export const modeEnumValues = ['create', 'upsert'] as const satisfies readonly ModeEnum[];

/** Every value of `OrganisationLevelEnum`, in the API's order. */
export type OrganisationLevelEnum = components['schemas']['OrganisationLevelEnum'];
export const organisationLevelEnumValues = ['central', 'province', 'city', 'county', 'school'] as const satisfies readonly OrganisationLevelEnum[];

/** Every value of `OriginEnum`, in the API's order. */
export type OriginEnum = components['schemas']['OriginEnum'];
export const originEnumValues = ['local', 'mirrored'] as const satisfies readonly OriginEnum[];

/** Every value of `PlanStateEnum`, in the API's order. */
export type PlanStateEnum = components['schemas']['PlanStateEnum'];
export const planStateEnumValues = ['draft', 'submitted', 'in_review', 'approved', 'returned', 'withdrawn'] as const satisfies readonly PlanStateEnum[];

/** Every value of `QualitySeverityEnum`, in the API's order. */
export type QualitySeverityEnum = components['schemas']['QualitySeverityEnum'];
export const qualitySeverityEnumValues = ['error', 'warning'] as const satisfies readonly QualitySeverityEnum[];

/** Every value of `RecordStateEnum`, in the API's order. */
export type RecordStateEnum = components['schemas']['RecordStateEnum'];
export const recordStateEnumValues = ['draft', 'submitted', 'in_review', 'approved', 'returned'] as const satisfies readonly RecordStateEnum[];

/** Every value of `RolesEnum`, in the API's order. */
export type RolesEnum = components['schemas']['RolesEnum'];
export const rolesEnumValues = ['filler', 'reviewer', 'admin', 'viewer', 'sysadmin', 'secadmin', 'auditor', 'service', 'teacher'] as const satisfies readonly RolesEnum[];

/** Every value of `SchoolStageEnum`, in the API's order. */
export type SchoolStageEnum = components['schemas']['SchoolStageEnum'];
export const schoolStageEnumValues = ['kindergarten', 'primary_secondary', 'secondary_vocational', 'special', 'higher'] as const satisfies readonly SchoolStageEnum[];

/** Every value of `SeverityEnum`, in the API's order. */
export type SeverityEnum = components['schemas']['SeverityEnum'];
export const severityEnumValues = ['error', 'warning'] as const satisfies readonly SeverityEnum[];

/** Every value of `SourceEnum`, in the API's order. */
export type SourceEnum = components['schemas']['SourceEnum'];
export const sourceEnumValues = ['filed', 'completion'] as const satisfies readonly SourceEnum[];

/** Every value of `StatusEnum`, in the API's order. */
export type StatusEnum = components['schemas']['StatusEnum'];
export const statusEnumValues = ['draft', 'published'] as const satisfies readonly StatusEnum[];

/** Every value of `SubmissionStateEnum`, in the API's order. */
export type SubmissionStateEnum = components['schemas']['SubmissionStateEnum'];
export const submissionStateEnumValues = ['submitted', 'in_review', 'approved', 'returned', 'withdrawn'] as const satisfies readonly SubmissionStateEnum[];

/** Every value of `TimelineEntryActionEnum`, in the API's order. */
export type TimelineEntryActionEnum = components['schemas']['TimelineEntryActionEnum'];
export const timelineEntryActionEnumValues = ['filled', 'changed', 'removed', 'submit', 'approve', 'return', 'withdraw'] as const satisfies readonly TimelineEntryActionEnum[];
