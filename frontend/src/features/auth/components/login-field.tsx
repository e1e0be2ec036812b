import { theme } from 'antd';
import type { ReactNode } from 'react';

/**
 * A labelled field of the login form with its error beneath, laid out as antd's vertical form: written by hand so
 * the login page does not download antd's Form (its validator, grid and tooltips).
 */
export function LoginField({ id, label, error, children }: { id: string; label: string; error?: string; children: ReactNode }) {
  const { token } = theme.useToken();
  return (
    <div style={{ marginBottom: error ? 4 : 24 }}>
      <label htmlFor={id} style={{ display: 'block', paddingBottom: 8, color: token.colorTextHeading }}>
        {label}
      </label>
      {children}
      {error ? (
        <div id={`${id}-error`} role="alert" style={{ minHeight: 20, color: token.colorError, lineHeight: '20px' }}>
          {error}
        </div>
      ) : null}
    </div>
  );
}
