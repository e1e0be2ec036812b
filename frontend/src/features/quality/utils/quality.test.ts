import { describe, expect, it } from 'vitest';

import { drillTarget, formatScore, nextParams, scoreLevel, scoreStatus } from './quality';

describe('quality score', () => {
  it('reads levels at their boundaries', () => {
    expect(scoreLevel(100)).toBe('good');
    expect(scoreLevel(95)).toBe('good');
    expect(scoreLevel(94.9)).toBe('fair');
    expect(scoreLevel(80)).toBe('fair');
    expect(scoreLevel(79.9)).toBe('poor');
    expect(scoreLevel(null)).toBe('none');
    expect(scoreLevel(Number.NaN)).toBe('none');
  });

  it('maps levels to progress states and formats one decimal', () => {
    expect(scoreStatus('good')).toBe('success');
    expect(scoreStatus('poor')).toBe('exception');
    expect(scoreStatus('fair')).toBe('normal');
    expect(formatScore(87.25)).toBe('87.3');
    expect(formatScore(null)).toBe('—');
  });
});

describe('drill-down', () => {
  it('opens a school worklist and any other level as a summary', () => {
    expect(drillTarget({ code: '2162010201', level: 'school' })).toEqual({ school: '2162010201' });
    expect(drillTarget({ code: '620102', level: 'county' })).toEqual({ org: '620102' });
  });

  it('drops the school when the organisation changes and empty values', () => {
    const current = new URLSearchParams('org=620100&school=2162010201&rule=Q001');
    expect(nextParams(current, { org: '620103' }).toString()).toBe('org=620103&rule=Q001');
    expect(nextParams(current, { rule: '' }).toString()).toBe('org=620100&school=2162010201');
    expect(nextParams(current, { school: '3162010202' }).get('school')).toBe('3162010202');
  });
});
