import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { startServer, type RunningServer } from './server';
import {
	People,
	createAccount,
	createInviteLink,
	createWorkshop,
	inviteStaff,
	join,
	open
} from './steps';

/**
 * The JSON API against the built server: without credentials, with read and write API keys, with
 * staff and guest sessions, and after a key is revoked. Errors are `{ error: { code, message, field? } }`.
 */
test.describe.serial('JSON API /api/v1', () => {
	let server: RunningServer;
	let people: People;
	let adminPage: Page;
	let readToken: string;
	let writeToken: string;

	const call = (path: string, init: RequestInit & { token?: string } = {}) =>
		fetch(`${server.baseURL}/api/v1${path}`, {
			...init,
			headers: {
				...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
				...(init.body ? { 'content-type': 'application/json' } : {}),
				...(init.headers as Record<string, string> | undefined)
			}
		});
	const send = (method: string, path: string, token: string, body: unknown) =>
		call(path, { method, token, body: JSON.stringify(body) });

	test.beforeAll(async ({ browser }) => {
		server = await startServer();
		people = new People(browser, server);
	});
	test.afterAll(async () => {
		await people?.closeAll();
		await server?.stop();
	});

	test('an admin makes a read key and a write key; each is shown once', async () => {
		adminPage = await people.newPage();
		await open(adminPage, server.setupLink);
		await createAccount(adminPage, {
			name: 'Ada Admin',
			email: 'ada@api.example',
			password: 'sicheres-passwort-1'
		});
		await open(adminPage, '/settings/api-tokens');
		await expect(adminPage.getByRole('link', { name: /OpenAPI/ })).toHaveAttribute(
			'href',
			'/api/v1/openapi.json'
		);
		await expectNoAxeViolations(adminPage, '/settings/api-tokens');

		const make = async (name: string, scope: 'nur lesen' | 'lesen und schreiben') => {
			await adminPage.getByLabel('Name', { exact: true }).fill(name);
			await adminPage.getByLabel(scope).check();
			await adminPage.getByRole('button', { name: 'Schlüssel erstellen' }).click();
			const token = adminPage.getByTestId('api-token');
			await expect(adminPage.getByRole('listitem').filter({ hasText: name })).toBeVisible();
			await expect(token).toHaveText(/^qw_[a-z0-9]+$/);
			return (await token.textContent()) ?? '';
		};
		readToken = await make('Berichte', 'nur lesen');
		writeToken = await make('Fachverfahren', 'lesen und schreiben');
		expect(readToken).not.toBe(writeToken);
		await adminPage.reload();
		await expect(adminPage.getByTestId('api-token')).toHaveCount(0);
		await expect(adminPage.getByText('Fachverfahren')).toBeVisible();
	});

	test('no credentials: 401 with a JSON error; the OpenAPI document is public', async () => {
		const response = await call('/goals');
		expect(response.status).toBe(401);
		expect(response.headers.get('www-authenticate')).toBe('Bearer');
		expect(await response.json()).toEqual({
			error: { code: 'unauthorized', message: expect.stringContaining('API-Schlüssel') }
		});
		expect((await call('/goals', { token: 'qw_notarealtokenatallxxxxxx' })).status).toBe(401);

		const openapi = await call('/openapi.json');
		expect(openapi.status).toBe(200);
		const document = await openapi.json();
		expect(document.openapi).toBe('3.1.0');
		expect(Object.keys(document.paths)).toEqual(
			expect.arrayContaining(['/districts', '/indicators', '/goals/{id}', '/measures/{id}/updates'])
		);
	});

	test('bodies over 1 MB, or without a stated length, are refused before they are read', async () => {
		const big = await fetch(`${server.baseURL}/api/v1/goals`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ title: 'x'.repeat(2 * 1024 * 1024) })
		});
		expect(big.status).toBe(413);
		expect(await big.json()).toEqual({
			error: { code: 'body_too_large', message: 'Die Anfrage ist zu groß.' }
		});
		const chunks = new ReadableStream({
			start(controller) {
				controller.enqueue(new TextEncoder().encode('{"title":"x"}'));
				controller.close();
			}
		});
		const chunked = await fetch(`${server.baseURL}/api/v1/goals`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: chunks,
			duplex: 'half'
		} as RequestInit);
		expect(chunked.status).toBe(411);
		expect((await chunked.json()).error.code).toBe('length_required');
	});

	test('a read key reads but may not write', async () => {
		for (const path of ['/goals', '/measures', '/districts', '/indicators'])
			expect((await call(path, { token: readToken })).status, path).toBe(200);
		expect(await (await call('/districts', { token: readToken })).json()).toEqual({
			districts: []
		});
		const notFound = await call('/districts/planungsraum/0000', { token: readToken });
		expect(notFound.status).toBe(404);
		expect((await notFound.json()).error.code).toBe('not_found');

		const refused = await send('POST', '/goals', readToken, { title: 'x', level: 'leitbild' });
		expect(refused.status).toBe(403);
		expect((await refused.json()).error.code).toBe('insufficient_scope');
	});

	test('a write key creates goals and measures, with errors naming the field', async () => {
		const leitbild = await send('POST', '/goals', writeToken, {
			title: 'Gutes Aufwachsen',
			level: 'leitbild',
			citywide: true
		});
		expect(leitbild.status).toBe(201);
		const { goal } = await leitbild.json();
		expect(goal).toMatchObject({ title: 'Gutes Aufwachsen', level: 'leitbild', citywide: true });

		const wrongParent = await send('POST', '/goals', writeToken, {
			title: 'Operativ',
			level: 'operative',
			parentId: goal.id
		});
		expect(wrongParent.status).toBe(400);
		expect((await wrongParent.json()).error).toMatchObject({
			code: 'validation_failed',
			field: 'parentId',
			message: expect.stringMatching(/^Übergeordnetes Ziel: /)
		});

		const strategic = await (
			await send('POST', '/goals', writeToken, {
				title: 'Mehr Grün',
				level: 'strategic',
				parentId: goal.id
			})
		).json();
		const renamed = await send('PATCH', `/goals/${strategic.goal.id}`, writeToken, {
			title: 'Mehr Grün im Kiez'
		});
		expect((await renamed.json()).goal).toMatchObject({
			title: 'Mehr Grün im Kiez',
			parentId: goal.id
		});
		const blocked = await call(`/goals/${goal.id}`, { method: 'DELETE', token: writeToken });
		expect(blocked.status).toBe(400);
		expect((await blocked.json()).error.code).toBe('has_children');

		const badDates = await send('POST', '/measures', writeToken, {
			title: 'Sonnensegel',
			startOn: '2026-05-01',
			dueOn: '2026-04-01'
		});
		expect(badDates.status).toBe(400);
		expect((await badDates.json()).error).toEqual({
			code: 'validation_failed',
			field: 'dueOn',
			message: 'Fertig bis: Das Ende liegt vor dem Beginn.'
		});

		const xml = await call('/measures', {
			method: 'POST',
			token: writeToken,
			body: '<measure/>',
			headers: { 'content-type': 'application/xml' }
		});
		expect(xml.status).toBe(415);
		expect((await xml.json()).error.code).toBe('unsupported_media_type');
		// Form content types from another origin never reach the handler (SvelteKit's CSRF rule),
		// and the refusal is the API's JSON.
		const plain = await call('/measures', {
			method: 'POST',
			token: writeToken,
			body: JSON.stringify({ title: 'x' }),
			headers: { 'content-type': 'text/plain', origin: 'https://evil.example' }
		});
		expect(plain.status).toBe(403);
		expect(await plain.json()).toEqual({
			error: {
				code: 'cross_site_request',
				message: 'Anfragen von einer anderen Website werden nicht angenommen.'
			}
		});
		const broken = await call('/measures', { method: 'POST', token: writeToken, body: '{' });
		expect(broken.status).toBe(400);

		const created = await send('POST', '/measures', writeToken, {
			title: 'Sonnensegel',
			responsible: 'Grünflächenamt',
			dueOn: '2020-01-31',
			goalIds: [strategic.goal.id]
		});
		expect(created.status).toBe(201);
		const { measure } = await created.json();
		expect(measure).toMatchObject({ status: 'idea', goalIds: [strategic.goal.id], progress: null });
		// Times are ISO 8601 timestamps, days ISO dates.
		expect(measure.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
		expect(Date.parse(measure.updatedAt)).toBeGreaterThan(Date.now() - 60_000);
		expect(goal.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);

		const jump = await send('PATCH', `/measures/${measure.id}`, writeToken, { status: 'done' });
		expect((await jump.json()).error).toMatchObject({ field: 'status' });
		const planned = await send('PATCH', `/measures/${measure.id}`, writeToken, {
			status: 'planned'
		});
		expect((await planned.json()).measure).toMatchObject({
			status: 'planned',
			responsible: 'Grünflächenamt'
		});

		const tooMuch = await send('POST', `/measures/${measure.id}/updates`, writeToken, {
			reportedOn: '2026-02-01',
			progress: 150
		});
		expect((await tooMuch.json()).error).toMatchObject({ field: 'progress' });
		const report = await send('POST', `/measures/${measure.id}/updates`, writeToken, {
			reportedOn: '2026-02-01',
			progress: 30,
			status: 'in_progress',
			note: 'Angebote eingeholt'
		});
		expect(report.status).toBe(201);
		expect((await report.json()).update.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);
		const timeline = await (
			await call(`/measures/${measure.id}/updates`, { token: readToken })
		).json();
		expect(timeline.updates.map((u: { kind: string }) => u.kind).sort()).toEqual([
			'report',
			'status'
		]);

		const overdue = await (await call('/measures?overdue=1', { token: readToken })).json();
		expect(overdue.measures.map((m: { title: string }) => m.title)).toEqual(['Sonnensegel']);
	});

	test('the limits the OpenAPI document states are the ones the API keeps', async () => {
		const document = await (await call('/openapi.json')).json();
		const { title } = document.components.schemas.MeasureInput.properties;
		// Characters as JSON Schema counts them: 'ä' and '🌳' are one each.
		const atLimit = await send('POST', '/measures', writeToken, {
			title: '🌳'.repeat(title.maxLength)
		});
		expect(atLimit.status).toBe(201);
		const over = await send('POST', '/measures', writeToken, {
			title: 'ä'.repeat(title.maxLength + 1)
		});
		expect(over.status).toBe(400);
		expect((await over.json()).error).toMatchObject({ code: 'validation_failed', field: 'title' });

		const huge = await send('POST', '/measures', writeToken, {
			title: 'Zu groß',
			description: 'x'.repeat(200 * 1024)
		});
		expect(huge.status).toBe(413);
		expect((await huge.json()).error).toEqual({
			code: 'body_too_large',
			message: 'Der Inhalt ist zu groß: höchstens 128 KB.'
		});
	});

	test('staff sessions: planners write, facilitators only read; guests are refused', async () => {
		// The admin's browser session (planning.manage) can write JSON with its cookie.
		const bySession = await adminPage.request.post('/api/v1/goals', {
			data: { title: 'Über Session', level: 'leitbild' }
		});
		expect(bySession.status()).toBe(201);

		const facilitatorPage = await inviteStaff(adminPage, people, 'Moderation', {
			name: 'Fritz Moderation',
			email: 'fritz@api.example',
			password: 'moderieren-2026'
		});
		expect((await facilitatorPage.request.get('/api/v1/measures')).status()).toBe(200);
		const refused = await facilitatorPage.request.post('/api/v1/goals', {
			data: { title: 'x', level: 'leitbild' }
		});
		expect(refused.status()).toBe(403);
		expect((await refused.json()).error.code).toBe('forbidden');

		const workshopId = await createWorkshop(facilitatorPage, 'API-Werkstatt');
		const guestPage = await people.newPage();
		await join(guestPage, await createInviteLink(facilitatorPage, workshopId), 'Gast');
		expect((await guestPage.request.get('/api/v1/goals')).status()).toBe(403);

		// The pages follow the same table: guests see no planning page, facilitators read the
		// register but may not edit it or make keys, planners and admins may.
		const status = async (page: Page, path: string) => (await page.request.get(path)).status();
		for (const path of ['/goals', '/measures', '/measures/export.csv', '/settings/api-tokens'])
			expect(await status(guestPage, path), `guest ${path}`).toBe(403);
		expect(await status(guestPage, `/w/${workshopId}/massnahmen`)).toBe(200);
		expect(await status(facilitatorPage, '/measures')).toBe(200);
		expect(await status(facilitatorPage, '/goals')).toBe(200);
		expect(await status(facilitatorPage, '/measures/new')).toBe(403);
		expect(await status(facilitatorPage, '/settings/api-tokens')).toBe(403);
		expect(await status(adminPage, '/measures/new')).toBe(200);
		const nobody = await people.newPage();
		await open(nobody, '/measures');
		await expect(nobody).toHaveURL(/\/login\?redirectTo=%2Fmeasures$/);
		await open(nobody, `/w/${workshopId}/massnahmen`);
		await expect(nobody).toHaveURL(/\/login\?redirectTo=/);
	});

	test('a revoked key stops working at once', async () => {
		await open(adminPage, '/settings/api-tokens');
		await adminPage.getByRole('button', { name: 'Schlüssel widerrufen: Berichte' }).click();
		await expect(adminPage.getByText('widerrufen', { exact: false }).first()).toBeVisible();
		expect((await call('/goals', { token: readToken })).status).toBe(401);
		expect((await call('/goals', { token: writeToken })).status).toBe(200);
	});

	test('refusals are JSON with the field as its path in the body; unknown indicators are refused', async () => {
		const leitbild = (extra: Record<string, unknown>) =>
			send('POST', '/goals', writeToken, { title: 'Weniger Armut', level: 'leitbild', ...extra });
		const nested = await leitbild({ target: { indicatorKey: 'gibtsnicht', value: 5, year: 2030 } });
		expect(nested.status).toBe(400);
		expect((await nested.json()).error).toEqual({
			code: 'validation_failed',
			field: 'target.indicatorKey',
			message: 'Kennzahl: „gibtsnicht“ gibt es nicht.'
		});
		const flat = await leitbild({
			targetIndicatorKey: 'gibtsnicht',
			targetValue: 5,
			targetYear: 2030
		});
		expect((await flat.json()).error.field).toBe('targetIndicatorKey');
		const year = await leitbild({ target: { indicatorKey: 'x', value: 5, year: 1800 } });
		expect((await year.json()).error.field).toBe('target.year');
		const district = await leitbild({
			districts: [{ level: 'bezirksregion', code: 'gibtsnicht' }]
		});
		expect((await district.json()).error).toMatchObject({ field: 'districts[0]' });

		const goals = (await (await call('/goals', { token: writeToken })).json()).goals;
		const list = await send('POST', '/measures', writeToken, {
			title: 'Liste',
			goalIds: [goals[0].id, 'gibtsnicht']
		});
		expect((await list.json()).error).toMatchObject({
			field: 'goalIds[1]',
			message: 'Ziele: „gibtsnicht“ gibt es nicht.'
		});

		const wrongMethod = await call('/measures', { method: 'DELETE', token: writeToken });
		expect(wrongMethod.status).toBe(405);
		expect(wrongMethod.headers.get('allow')).toBe('GET, POST');
		expect((await wrongMethod.json()).error.code).toBe('method_not_allowed');
		const nowhere = await call('/massnahmen', { token: writeToken });
		expect(nowhere.status).toBe(404);
		expect((await nowhere.json()).error.code).toBe('not_found');
		const nowherePost = await call('/gibts/nicht', {
			method: 'POST',
			token: writeToken,
			body: '{}'
		});
		expect(nowherePost.status).toBe(404);
		expect(nowherePost.headers.get('content-type')).toMatch(/^application\/json/);

		// Pages keep SvelteKit's plain answer to a cross-site form.
		const page = await fetch(`${server.baseURL}/measures/new`, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				origin: 'https://evil.example'
			},
			body: 'title=x'
		});
		expect(page.status).toBe(403);
		expect(await page.text()).toBe('Anfragen von einer anderen Website werden nicht angenommen.');
	});

	test('reports: not in the future; a due-date move needs a reason and is in the history', async () => {
		const pad = (n: number) => String(n).padStart(2, '0');
		const day = (offset: number) => {
			const d = new Date();
			d.setDate(d.getDate() + offset);
			return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
		};
		const { measure } = await (
			await send('POST', '/measures', writeToken, {
				title: 'Bücherschrank',
				status: 'in_progress',
				dueOn: day(10)
			})
		).json();
		const reports = `/measures/${measure.id}/updates`;
		const future = await send('POST', reports, writeToken, { reportedOn: day(1), progress: 10 });
		expect(future.status).toBe(400);
		expect((await future.json()).error).toEqual({
			code: 'validation_failed',
			field: 'reportedOn',
			message:
				'Datum: Eine Meldung kann nicht in der Zukunft liegen. Bitte wählen Sie heute oder einen Tag davor.'
		});
		const noReason = await send('POST', reports, writeToken, {
			reportedOn: day(0),
			progress: 10,
			dueOn: day(40)
		});
		expect((await noReason.json()).error).toMatchObject({
			field: 'dueReason',
			message: 'Grund für die neue Frist: Bitte schreiben Sie, warum sich die Frist ändert.'
		});
		expect((await (await call(reports, { token: writeToken })).json()).updates).toEqual([]);

		const moved = await send('POST', reports, writeToken, {
			reportedOn: day(0),
			progress: 10,
			dueOn: day(40),
			dueReason: 'Der Schreiner ist krank.'
		});
		expect(moved.status).toBe(201);
		expect((await moved.json()).update.dueMove).toEqual({
			from: day(10),
			to: day(40),
			reason: 'Der Schreiner ist krank.'
		});
		expect(
			(await (await call(`/measures/${measure.id}`, { token: writeToken })).json()).measure.dueOn
		).toBe(day(40));
	});
});
