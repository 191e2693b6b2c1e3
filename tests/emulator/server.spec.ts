// startEmulator(): options, credentials, HTTPS with a verifiable certificate, startup time.
import { test, expect } from '@playwright/test';
import { Agent, fetch as undiciFetch } from 'undici';
import { startEmulator } from '../../emulator/fac/server.ts';

test('defaults: 127.0.0.1, free port, fresh 40-char key; starts fast', async () => {
  const t0 = performance.now();
  const emu = await startEmulator();
  const elapsed = performance.now() - t0;
  try {
    expect(elapsed).toBeLessThan(500);
    expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emu.key).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(emu.user.length).toBeGreaterThan(0);
    expect(emu.httpsUrl).toBeUndefined();
    const other = await startEmulator();
    expect(other.key).not.toBe(emu.key);
    await other.close();
  } finally {
    await emu.close();
  }
});

test('given user/key are the Basic credentials', async () => {
  const emu = await startEmulator({ user: 'admin', key: 'zeyDZXmP6GbKcergdWWEYNTnH2TaOCz5HTp2dAVS' });
  try {
    const auth = `Basic ${Buffer.from('admin:zeyDZXmP6GbKcergdWWEYNTnH2TaOCz5HTp2dAVS').toString('base64')}`;
    expect((await fetch(`${emu.url}/api/v1/localusers/`, { headers: { authorization: auth } })).status).toBe(200);
    // creating a local user with the admin's name is refused: one user table
    const r = await fetch(`${emu.url}/api/v1/localusers/`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'x' }),
    });
    expect(r.status).toBe(400);
  } finally {
    await emu.close();
  }
});

test('HTTPS with a generated certificate the client can verify via caCert', async () => {
  const emu = await startEmulator({ httpsPort: 0 });
  try {
    expect(emu.httpsUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(emu.caCert).toContain('BEGIN CERTIFICATE');
    const dispatcher = new Agent({ connect: { ca: emu.caCert } });
    const auth = `Basic ${Buffer.from(`${emu.user}:${emu.key}`).toString('base64')}`;
    const r = await undiciFetch(`${emu.httpsUrl}/api/v1/usergroups/`, { headers: { authorization: auth }, dispatcher });
    expect(r.status).toBe(200);
    const local = await undiciFetch(`${(emu.httpsUrl ?? '').replace('127.0.0.1', 'localhost')}/api/v1/`, { dispatcher });
    expect(local.status).toBe(200);
    // without the CA the certificate is not trusted
    await expect(undiciFetch(`${emu.httpsUrl}/api/v1/`)).rejects.toThrow();
    await dispatcher.close();
  } finally {
    await emu.close();
  }
});

test('close() releases the port even with keep-alive connections', async () => {
  const emu = await startEmulator();
  await fetch(`${emu.url}/api/v1/`);
  await emu.close();
  await expect(fetch(`${emu.url}/api/v1/`)).rejects.toThrow();
});
