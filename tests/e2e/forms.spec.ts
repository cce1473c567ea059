import {
	expect,
	test,
	type Browser,
	type BrowserContextOptions,
	type Page
} from '@playwright/test';
import { startServer, type RunningServer } from './server';

/**
 * Form fields that get their value from form action data (`form?.…`) must keep what a person
 * typed before the page hydrated, and must show the values a failed action returned, with and
 * without JavaScript. One production server with a fresh store serves the whole file.
 */

interface Field {
	id: string;
	text: string;
	/** Date inputs take their value with `fill`; everything else is typed key by key. */
	fill?: boolean;
}

interface FormPage {
	name: string;
	url: () => string;
	/** Context options, e.g. the admin's session for pages that need a login. */
	context: () => BrowserContextOptions;
	fields: Field[];
}

const admin = { name: 'Ada Admin', email: 'ada@quartier.example', password: 'sicheres-passwort-1' };

let server: RunningServer;
let adminState: BrowserContextOptions['storageState'];
let staffLink = '';
let joinLink = '';

const anonymous = () => ({});
const asAdmin = () => ({ storageState: adminState });

const pages: FormPage[] = [
	{
		name: 'login',
		url: () => '/login',
		context: anonymous,
		fields: [{ id: 'email', text: 'tippe.schnell@quartier.example' }]
	},
	{
		name: 'setup',
		url: () => staffLink,
		context: anonymous,
		fields: [
			{ id: 'name', text: 'Erika Eilig' },
			{ id: 'email', text: 'erika@quartier.example' }
		]
	},
	{
		name: 'join',
		url: () => joinLink,
		context: anonymous,
		fields: [{ id: 'displayName', text: 'Fix Tipper' }]
	},
	{
		name: 'new workshop',
		url: () => '/workshops/new',
		context: asAdmin,
		fields: [
			{ id: 'title', text: 'Schnell getippt' },
			{ id: 'startsOn', text: '2026-03-14', fill: true },
			{ id: 'description', text: 'Vor der Hydrierung eingegeben.' }
		]
	}
];

/**
 * Resolves once Svelte has hydrated the component that holds `#id`, an `<input>` whose value the
 * server rendered as a `value` attribute: Svelte removes that attribute (keeping the current value)
 * in a microtask right after hydrating the element (`remove_input_defaults`), both for `value=`
 * and for `bind:value`. Everything in the component is hydrated in the same synchronous pass.
 */
async function hydrated(page: Page, id: string) {
	await page.waitForFunction(
		(inputId) => {
			const input = document.getElementById(inputId);
			return input instanceof HTMLInputElement && !input.hasAttribute('value');
		},
		id,
		{ timeout: 15_000 }
	);
}

/** Holds back the app's JavaScript until the returned function is called. */
async function holdScripts(page: Page) {
	let release = () => {};
	const released = new Promise<void>((done) => (release = done));
	await page.route(
		(url) => url.pathname.startsWith('/_app/immutable/') && url.pathname.endsWith('.js'),
		async (route) => {
			await released;
			await route.continue();
		}
	);
	return release;
}

async function enter(page: Page, fields: Field[]) {
	for (const field of fields) {
		const input = page.locator(`#${field.id}`);
		if (field.fill) await input.fill(field.text);
		else await input.pressSequentially(field.text);
	}
}

async function expectValues(page: Page, fields: Field[]) {
	for (const field of fields) await expect(page.locator(`#${field.id}`)).toHaveValue(field.text);
}

async function newPage(browser: Browser, options: BrowserContextOptions = {}) {
	const context = await browser.newContext({ ...options, baseURL: server.baseURL });
	return context.newPage();
}

test.describe('form fields', () => {
	test.beforeAll(async ({ browser }) => {
		server = await startServer();
		const page = await newPage(browser);
		await page.goto(server.setupLink, { waitUntil: 'networkidle' });
		await page.locator('#name').fill(admin.name);
		await page.locator('#email').fill(admin.email);
		await page.locator('#password').fill(admin.password);
		await page.locator('main form button').click();
		await expect(page).toHaveURL(`${server.baseURL}/workshops`);

		await page.goto('/admin/staff', { waitUntil: 'networkidle' });
		await page.getByRole('button', { name: 'Einladungslink erstellen' }).click();
		staffLink = (await page.getByTestId('staff-invite-link').textContent()) ?? '';
		expect(staffLink).toMatch(/\/setup\/\w+$/);

		await page.goto('/workshops/new', { waitUntil: 'networkidle' });
		await page.locator('#title').fill('Werkstatt für Formulartests');
		await page.locator('main form button').click();
		await expect(page).toHaveURL(/\/workshops\/(?!new$)[a-z0-9]+$/);
		await page.getByRole('button', { name: 'Link erstellen' }).click();
		joinLink = (await page.getByTestId('invite-link').textContent()) ?? '';
		expect(joinLink).toMatch(/\/join\/\w+$/);

		adminState = await page.context().storageState();
		await page.context().close();
	});

	test.afterAll(async () => {
		await server?.stop();
	});

	test('text typed into /login right away is still there after hydration', async ({ browser }) => {
		const page = await newPage(browser);
		await page.goto('/login', { waitUntil: 'commit' });
		await page.locator('#email').pressSequentially('gleich@quartier.example');
		await hydrated(page, 'email');
		await page.waitForLoadState('networkidle');
		await expect(page.locator('#email')).toHaveValue('gleich@quartier.example');
		await page.context().close();
	});

	for (const form of pages) {
		test(`${form.name}: text typed before hydration survives it`, async ({ browser }) => {
			const page = await newPage(browser, form.context());
			const release = await holdScripts(page);
			await page.goto(form.url(), { waitUntil: 'commit' });
			await enter(page, form.fields);
			release();
			await hydrated(page, form.fields[0].id);
			await page.waitForLoadState('networkidle');
			await expectValues(page, form.fields);
			await page.context().close();
		});
	}

	/** A submission each action refuses with `fail(400, …)`, returning the entered values. */
	const refused: {
		form: FormPage;
		fields: Field[];
		fillRest: (page: Page) => Promise<void>;
	}[] = [
		{
			form: pages[0],
			fields: [{ id: 'email', text: admin.email }],
			fillRest: (page) => page.locator('#password').fill('falsches-passwort')
		},
		{
			// The e-mail address already has an account.
			form: pages[1],
			fields: [
				{ id: 'name', text: 'Erika Doppelt' },
				{ id: 'email', text: admin.email }
			],
			fillRest: (page) => page.locator('#password').fill('ein-gutes-passwort')
		},
		{
			// Longer than the server allows; the browser's maxlength is lifted for the test.
			form: pages[2],
			fields: [{ id: 'displayName', text: 'Ein sehr langer Name, '.repeat(4).trim() }],
			fillRest: async () => {}
		},
		{
			// Only blanks: `required` is satisfied, but the server finds no title.
			form: pages[3],
			fields: [
				{ id: 'title', text: '   ' },
				{ id: 'startsOn', text: '2026-03-14' },
				{ id: 'description', text: 'Bleibt nach dem Fehler stehen.' }
			],
			fillRest: async () => {}
		}
	];

	for (const { form, fields, fillRest } of refused) {
		for (const javaScriptEnabled of [true, false]) {
			test(`${form.name}: a refused submission shows the values again (${javaScriptEnabled ? 'with' : 'without'} JavaScript)`, async ({
				browser
			}) => {
				const page = await newPage(browser, { ...form.context(), javaScriptEnabled });
				await page.goto(form.url(), { waitUntil: 'networkidle' });
				await page.locator('[maxlength]').evaluateAll((inputs) => {
					for (const input of inputs) input.removeAttribute('maxlength');
				});
				for (const field of fields) await page.locator(`#${field.id}`).fill(field.text);
				await fillRest(page);
				// With JavaScript the action answers `fetch`, without it the answer is the new page.
				const response = page.waitForResponse((r) => r.request().method() === 'POST');
				// The form that holds the fields (the join page has a language switch form too).
				const own = page.locator('main form').filter({ has: page.locator(`#${fields[0].id}`) });
				await own.getByRole('button').click();
				await response;
				await expect(page.getByRole('alert')).toBeVisible();
				await expectValues(page, fields);
				await page.context().close();
			});
		}
	}
});
