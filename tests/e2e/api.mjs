// A second, independent bce-auth-v1 / SDK-HMAC-SHA256 signer (node:crypto), so the
// end-to-end tests can read and change the emulator's state behind the console's back.
import { createHmac, createHash } from 'node:crypto';

export const DEMO_AK = 'palisade-demo-ak';
export const DEMO_SK = 'palisade-demo-sk-not-a-secret';
export const HUAWEI_PROJECT = '060576782980d5762f9ec014dd2f1148';

const enc = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
const hmacHex = (key, msg) => createHmac('sha256', key).update(msg).digest('hex');

/** Calls `/api/bce/bj{path}` signed `host;x-bce-date` for bcc.bj.baidubce.com. */
export async function bce(base, method, path, { query = {}, body } = {}) {
  const host = 'bcc.bj.baidubce.com';
  const date = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const q = Object.entries(query).map(([k, v]) => [enc(k), enc(String(v))]).sort();
  const canonicalQuery = q.map(([k, v]) => `${k}=${v}`).join('&');
  const uri = path.split('/').map(enc).join('/');
  const canonical = [method, uri, canonicalQuery, `host:${host}\nx-bce-date:${enc(date)}`].join('\n');
  const prefix = `bce-auth-v1/${DEMO_AK}/${date}/1800`;
  const signature = hmacHex(hmacHex(DEMO_SK, prefix), canonical);
  const url = `${base}/api/bce/bj${uri}${q.length ? '?' + q.map(([k, v]) => (v ? `${k}=${v}` : k)).join('&') : ''}`;
  const res = await fetch(url, {
    method,
    headers: { 'x-bce-date': date, authorization: `${prefix}/host;x-bce-date/${signature}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** Calls `/api/huawei/cn-north-4/v3/{project}/vpc{path}` signed with SDK-HMAC-SHA256. */
export async function huawei(base, method, path, { query = {}, body } = {}) {
  const host = 'vpc.cn-north-4.myhuaweicloud.com';
  const date = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
  const fullPath = `/v3/${HUAWEI_PROJECT}/vpc${path}`;
  const q = Object.entries(query).map(([k, v]) => [enc(k), enc(String(v))]).sort();
  const canonicalQuery = q.map(([k, v]) => `${k}=${v}`).join('&');
  const payload = body ? JSON.stringify(body) : '';
  const headers = { 'content-type': 'application/json', host, 'x-sdk-date': date };
  const signed = Object.keys(headers).sort();
  const canonicalHeaders = signed.map((h) => `${h}:${headers[h]}\n`).join('');
  const uri = fullPath.split('/').map(enc).join('/') + '/';
  const canonical = [method, uri, canonicalQuery, canonicalHeaders, signed.join(';'), createHash('sha256').update(payload).digest('hex')].join('\n');
  const toSign = `SDK-HMAC-SHA256\n${date}\n${createHash('sha256').update(canonical).digest('hex')}`;
  const signature = hmacHex(DEMO_SK, toSign);
  delete headers.host;
  const url = `${base}/api/huawei/cn-north-4${fullPath}${q.length ? '?' + q.map(([k, v]) => `${k}=${v}`).join('&') : ''}`;
  const res = await fetch(url, {
    method,
    headers: { ...headers, authorization: `SDK-HMAC-SHA256 Access=${DEMO_AK}, SignedHeaders=${signed.join(';')}, Signature=${signature}` },
    body: body ? payload : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
