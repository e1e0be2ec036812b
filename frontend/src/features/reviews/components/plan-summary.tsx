import { Alert, Descriptions, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { useCapability } from '@/lib/auth/session';

// A county's rotation plan (issue 18) under review: the item's `diff.plan` as submitted — the county, the year, the
// figures against the targets, and every teacher by name (code names added by the API in the reader's language).

/** The review kind of a rotation plan: its subject is the plan, not an archive. */
export const ROTATION_PLAN_KIND = 'rotation_plan';

export function isRotationPlanReview(kind: string): boolean {
  return kind === ROTATION_PLAN_KIND;
}

export interface PlanAssignmentDescription {
  teacher_name: string;
  teacher_no: string;
  from_school_name: string;
  to_school_name: string;
  rotation_type_name: string;
  transfers_relation: boolean;
  flow_category_name: string;
  backbone: boolean;
  start_date: string;
  end_date: string;
}

export interface PlanDescription {
  id: number;
  year: number;
  county_name: string;
  note: string;
  eligible: number;
  eligible_backbone: number;
  target: number;
  backbone_target: number;
  planned: number;
  planned_backbone: number;
  assignments: PlanAssignmentDescription[];
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** Reads `diff.plan` of a rotation plan's review item; null for any other item. */
export function planFromDiff(diff: Record<string, unknown> | null | undefined): PlanDescription | null {
  const plan = diff?.plan;
  if (typeof plan !== 'object' || plan === null) return null;
  const p = record(plan);
  const figures = record(p.figures);
  const rows = Array.isArray(p.assignments) ? p.assignments : [];
  return {
    id: num(p.id),
    year: num(p.year),
    county_name: str(p.county_name),
    note: str(p.note),
    eligible: num(figures.eligible),
    eligible_backbone: num(figures.eligible_backbone),
    target: num(figures.target),
    backbone_target: num(figures.backbone_target),
    planned: num(figures.planned),
    planned_backbone: num(figures.planned_backbone),
    assignments: rows.map((row) => {
      const a = record(row);
      return {
        teacher_name: str(a.teacher_name),
        teacher_no: str(a.teacher_no),
        from_school_name: str(a.from_school_name),
        to_school_name: str(a.to_school_name),
        rotation_type_name: str(a.rotation_type_name),
        transfers_relation: a.transfers_relation === true,
        flow_category_name: str(a.flow_category_name),
        backbone: a.backbone === true,
        start_date: str(a.start_date),
        end_date: str(a.end_date),
      };
    }),
  };
}

/**
 * A rotation plan under review: the county and year, the teachers planned against the target (and the backbone
 * teachers against theirs) with any shortfall as a warning, and the teachers rotating by name.
 */
export function PlanSummary({ plan }: { plan: PlanDescription }) {
  const { t } = useTranslation(['reviews', 'common']);
  const canView = useCapability('rotation.view');
  const shortTarget = plan.planned < plan.target;
  const shortBackbone = plan.planned_backbone < plan.backbone_target;

  return (
    <div data-testid="plan-summary">
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={[
          { key: 'county', label: t('reviews:plan.county'), children: <span data-testid="plan-county">{plan.county_name}</span> },
          { key: 'year', label: t('reviews:plan.year'), children: <span data-testid="plan-year">{t('reviews:plan.yearValue', { year: plan.year })}</span> },
          {
            key: 'planned',
            label: t('reviews:plan.planned'),
            children: <strong data-testid="plan-planned">{t('reviews:plan.versus', { planned: plan.planned, target: plan.target })}</strong>,
          },
          {
            key: 'backbone',
            label: t('reviews:plan.backbone'),
            children: (
              <strong data-testid="plan-backbone">{t('reviews:plan.versus', { planned: plan.planned_backbone, target: plan.backbone_target })}</strong>
            ),
          },
          {
            key: 'eligible',
            label: t('reviews:plan.eligible'),
            children: t('reviews:plan.eligibleValue', { eligible: plan.eligible, backbone: plan.eligible_backbone }),
            span: 'filled' as const,
          },
          ...(plan.note ? [{ key: 'note', label: t('reviews:plan.note'), children: plan.note, span: 'filled' as const }] : []),
        ]}
      />
      {(shortTarget || shortBackbone) && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          title={t('reviews:plan.short')}
          description={
            <>
              {shortTarget && <div>{t('reviews:plan.shortTarget', { planned: plan.planned, target: plan.target })}</div>}
              {shortBackbone && <div>{t('reviews:plan.shortBackbone', { planned: plan.planned_backbone, target: plan.backbone_target })}</div>}
            </>
          }
          data-testid="plan-summary-warnings"
        />
      )}
      <Typography.Title level={5} style={{ marginTop: 16, marginBottom: 8, fontSize: 14 }}>
        {t('reviews:plan.assignments', { count: plan.assignments.length })}
      </Typography.Title>
      <div data-testid="plan-summary-assignments">
        {plan.assignments.map((row, index) => (
          <div
            key={`${row.teacher_no}-${String(index)}`}
            style={{ padding: '8px 12px', border: '1px solid #f0f0f0', borderTop: index === 0 ? undefined : 'none' }}
            data-testid="plan-summary-assignment"
          >
            <div>
              <Typography.Text strong>{row.teacher_name}</Typography.Text>{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {row.teacher_no}
              </Typography.Text>
              {row.backbone && (
                <Tag color="gold" style={{ marginInlineStart: 6 }}>
                  {t('reviews:plan.backboneTag')}
                </Tag>
              )}
            </div>
            <div data-testid="plan-summary-move">{t('reviews:plan.move', { from: row.from_school_name, to: row.to_school_name })}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[
                t('reviews:plan.field', { label: t('reviews:plan.type'), value: row.rotation_type_name }),
                t('reviews:plan.field', {
                  label: t('reviews:plan.transfers'),
                  value: row.transfers_relation ? t('common:status.yes') : t('common:status.no'),
                }),
                row.flow_category_name ? t('reviews:plan.field', { label: t('reviews:plan.flow'), value: row.flow_category_name }) : '',
                t('reviews:plan.datesValue', { start: row.start_date, end: row.end_date }),
              ]
                .filter(Boolean)
                .join(' · ')}
            </Typography.Text>
          </div>
        ))}
      </div>
      {canView && plan.id > 0 && (
        <div style={{ marginTop: 8 }}>
          <Link to={`/rotation/plans/${String(plan.id)}`} data-testid="plan-summary-open">
            {t('reviews:plan.open')}
          </Link>
        </div>
      )}
    </div>
  );
}
