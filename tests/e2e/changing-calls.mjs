/**
 * Every changing call the console can make (#31), by the `src/api` function that makes it:
 * the e2e support records each changing request the suite's pages send (after checking
 * its impact was shown), and `scripts/every-change.mjs` checks, after the suite, that
 * each call below was made at least once, that nothing outside this list was, and that
 * this list names exactly the functions in `src/api` that send a POST, PUT or DELETE.
 * `path` is matched against the path after `/api/<cloud>/<region>` (Huawei: after
 * `/v3/<project>/vpc`); `query` names a flag the query must hold.
 */
export const changingCalls = [
  { fn: 'bce::change_rule', method: 'PUT', path: /^\/v2\/securityGroup\/[^/]+$/, query: 'authorizeRule' },
  { fn: 'bce::change_rule', method: 'PUT', path: /^\/v2\/securityGroup\/[^/]+$/, query: 'revokeRule' },
  { fn: 'bce::update_rule', method: 'PUT', path: /^\/v2\/securityGroup\/rule\/update$/ },
  { fn: 'bce::delete_rule', method: 'DELETE', path: /^\/v2\/securityGroup\/rule\/[^/]+$/ },
  { fn: 'bce::create_security_group', method: 'POST', path: /^\/v2\/securityGroup$/ },
  { fn: 'bce::delete_security_group', method: 'DELETE', path: /^\/v2\/securityGroup\/[^/]+$/ },
  { fn: 'bce::create_esg', method: 'POST', path: /^\/v1\/enterprise\/security$/ },
  { fn: 'bce::delete_esg', method: 'DELETE', path: /^\/v1\/enterprise\/security\/[^/]+$/ },
  { fn: 'bce::authorize_esg_rules', method: 'PUT', path: /^\/v1\/enterprise\/security\/[^/]+$/, query: 'authorizeRule' },
  { fn: 'bce::update_esg_rule', method: 'PUT', path: /^\/v1\/enterprise\/security\/rule\/[^/]+$/ },
  { fn: 'bce::delete_esg_rule', method: 'DELETE', path: /^\/v1\/enterprise\/security\/rule\/[^/]+$/ },
  { fn: 'bce::batch_bind', method: 'PUT', path: /^\/v2\/securitygroup\/bind$/ },
  { fn: 'bce::batch_bind', method: 'PUT', path: /^\/v2\/securitygroup\/unbind$/ },
  { fn: 'bce::batch_bind', method: 'PUT', path: /^\/v2\/securitygroup\/replace$/ },
  { fn: 'bce::bind_instance', method: 'PUT', path: /^\/v2\/instance\/[^/]+$/, query: 'bind' },
  { fn: 'bce::bind_instance', method: 'PUT', path: /^\/v2\/instance\/[^/]+$/, query: 'unbind' },
  { fn: 'bce::bind_sg', method: 'PUT', path: /^\/v1\/endpoint\/[^/]+$/, query: 'bindSg' },
  { fn: 'bce::bind_esg', method: 'PUT', path: /^\/v1\/endpoint\/[^/]+$/, query: 'bindEsg' },
  { fn: 'huawei::update_security_group', method: 'PUT', path: /^\/security-groups\/[^/]+$/ },
  { fn: 'huawei::create_security_group', method: 'POST', path: /^\/security-groups$/ },
  { fn: 'huawei::delete_security_group', method: 'DELETE', path: /^\/security-groups\/[^/]+$/ },
  { fn: 'huawei::create_rule', method: 'POST', path: /^\/security-group-rules$/ },
  { fn: 'huawei::batch_create_rules', method: 'POST', path: /^\/security-groups\/[^/]+\/security-group-rules\/batch-create$/ },
  { fn: 'huawei::delete_rule', method: 'DELETE', path: /^\/security-group-rules\/[^/]+$/ },
];

/** The call a changing request is, or undefined: `pathname` and `search` as sent to the proxy. */
export function callOf(method, pathname, search) {
  const m = /^\/api\/(bce|huawei)\/[^/]+(\/.*)$/.exec(pathname);
  if (!m) return undefined;
  let rest = m[2];
  if (m[1] === 'huawei') {
    const h = /^\/v3\/[^/]+\/vpc(\/.*)$/.exec(rest);
    if (!h) return undefined;
    rest = h[1];
  }
  const flags = new URLSearchParams(search);
  return changingCalls.find((c) => c.method === method && c.fn.startsWith(m[1]) && c.path.test(rest) && (!c.query || flags.has(c.query)));
}

export const label = (c) => `${c.fn}: ${c.method} ${c.path.source}${c.query ? ` ?${c.query}` : ''}`;
