import { http, HttpResponse } from 'msw';

/** A signed-in user for page tests: GET /auth/me/ answers with these capabilities. */
export function meHandler(capabilities: string[]) {
  return http.get('*/api/v1/auth/me/', () =>
    HttpResponse.json({
      id: 1,
      username: 'demo-county-a',
      display_name: '城关区管理员',
      roles: ['admin'],
      capabilities,
      organisation: { code: '620102', name: '城关区', level: 'county' },
      organisation_path: [{ code: '620102', name: '城关区', level: 'county' }],
    }),
  );
}
