import { expect, test } from '@playwright/test';
import { startServer, type RunningServer } from './server';
import { createAccount, open } from './steps';

/**
 * The web-facing defences against the built server, as an attacker would probe them: framing,
 * redirects after login, where the session cookie may come from, and the login throttle under
 * parallel attempts.
 */
test.describe.serial('web security', () => {
	let server: RunningServer;
	const admin = { name: 'Ada Admin', email: 'ada@sicher.example', password: 'sicheres-passwort-1' };

	/** A form post as a browser on this site sends it without JavaScript (SvelteKit checks the Origin). */
	const post = (path: string, fields: Record<string, string>, cookie = '') =>
		fetch(new URL(path, server.baseURL), {
			method: 'POST',
			redirect: 'manual',
			headers: {
				origin: server.baseURL,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded',
				...(cookie ? { cookie } : {})
			},
			body: new URLSearchParams(fields)
		});

	test.beforeAll(async () => {
		server = await startServer();
	});
	test.afterAll(async () => {
		await server?.stop();
	});

	test('the first admin gets a __Host- session cookie that Chromium keeps on loopback', async ({
		browser
	}) => {
		const context = await browser.newContext();
		const page = await context.newPage();
		await open(page, server.setupLink);
		await createAccount(page, admin);
		const session = (await context.cookies()).find((c) => c.name.endsWith('qw_session'));
		expect(session).toMatchObject({
			name: '__Host-qw_session',
			path: '/',
			secure: true,
			httpOnly: true,
			sameSite: 'Lax'
		});
		// A cookie without the prefix, as a page on another port of this host could set it, is
		// not a session: the visitor stays logged out.
		const other = await browser.newContext();
		await other.addCookies([
			{ name: 'qw_session', value: session!.value, url: server.baseURL },
			{ name: 'qw_guest', value: session!.value, url: server.baseURL }
		]);
		const planted = await other.newPage();
		await open(planted, `${server.baseURL}/workshops`);
		await expect(planted).toHaveURL(/\/login\?redirectTo=%2Fworkshops$/);
		await other.close();
		await context.close();
	});

	test('no page may be framed: CSP frame-ancestors and X-Frame-Options on every HTML answer', async () => {
		for (const [path, status] of [
			['/', 200],
			['/login', 200],
			['/gibtesnicht', 404],
			['/setup/erfunden', 410]
		] as const) {
			const response = await fetch(new URL(path, server.baseURL), { redirect: 'manual' });
			expect(response.status, path).toBe(status);
			expect(response.headers.get('content-type'), path).toMatch(/^text\/html/);
			expect(response.headers.get('content-security-policy'), path).toContain(
				"frame-ancestors 'none'"
			);
			expect(response.headers.get('x-frame-options'), path).toBe('DENY');
		}
	});

	test('after login, redirectTo never leaves the site and never breaks the answer', async () => {
		const login = await post('/login', { email: admin.email, password: admin.password });
		expect(login.status).toBe(303);
		const cookie = /(__Host-qw_session=[^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
		expect(cookie).toBeTruthy();
		for (const target of ['/%09/evil.example', '/%0a', '/%0d%0a/evil.example', '/.//evil.example'])
			for (const response of [
				// A logged-in visitor is sent on by the page itself…
				await fetch(new URL(`/login?redirectTo=${target}`, server.baseURL), {
					redirect: 'manual',
					headers: { cookie: cookie! }
				}),
				// …and a login sends there after the password.
				await post(`/login?redirectTo=${target}`, { email: admin.email, password: admin.password })
			]) {
				expect(response.status, target).toBe(303);
				const location = response.headers.get('location') ?? '';
				expect(new URL(location, server.baseURL).origin, target).toBe(server.baseURL);
				expect(location, target).toBe('/workshops');
			}
		const kept = await post('/login?redirectTo=%2Fworkshops%2Fabc', {
			email: admin.email,
			password: admin.password
		});
		expect(kept.headers.get('location')).toBe('/workshops/abc');
	});

	test('parallel wrong passwords: only as many are checked as the throttle allows', async () => {
		const tries = 12;
		const answers = await Promise.all(
			Array.from({ length: tries }, (_, i) =>
				post('/login', { email: admin.email, password: `falsch-${i}-passwort` })
			)
		);
		const statuses = answers.map((response) => response.status);
		// Five per account and address in 15 minutes; the others are turned away before hashing.
		expect(statuses.filter((s) => s === 400)).toHaveLength(5);
		expect(statuses.filter((s) => s === 429)).toHaveLength(tries - 5);
		const right = await post('/login', { email: admin.email, password: admin.password });
		expect(right.status).toBe(429);
	});
});

test('without ORIGIN, forms work on the documented default http://localhost:$PORT', async () => {
	const bare = await startServer({ withoutOrigin: true });
	try {
		const local = bare.baseURL.replace('127.0.0.1', 'localhost');
		expect(bare.setupLink.startsWith(`${local}/setup/`)).toBe(true);
		// Sent to 127.0.0.1 (localhost may resolve to ::1 here), as a browser on localhost sends it.
		const response = await fetch(bare.setupLink.replace(local, bare.baseURL), {
			method: 'POST',
			redirect: 'manual',
			headers: {
				origin: local,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({
				name: 'Ada Admin',
				email: 'ada@lokal.example',
				password: 'sicheres-passwort-1'
			})
		});
		// It was 403: adapter-node took https://<host> as the origin, so the CSRF check refused it.
		expect(response.status).toBe(303);
		expect(response.headers.get('set-cookie')).toMatch(/^__Host-qw_session=/);
	} finally {
		await bare.stop();
	}
});
