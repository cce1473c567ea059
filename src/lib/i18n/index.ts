import { de, en, type MessageKey } from './messages';
import { loadAllSimple, simpleText } from './simple';

export type { MessageKey } from './messages';
/**
 * German is the default. Participant views exist in all six languages; staff views in German and
 * English (the extra languages fall back to English there, see `translate`).
 */
export const locales = ['de', 'en', 'tr', 'ar', 'uk', 'ru'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'de';

/** Each language named in its own language, for the language switch. */
export const languageNames: Record<Locale, string> = {
	de: 'Deutsch',
	en: 'English',
	tr: 'Türkçe',
	ar: 'العربية',
	uk: 'Українська',
	ru: 'Русский'
};

/** Tags for Intl: dates and numbers per language. Arabic keeps Latin digits, as codes and times do. */
export const intlTags: Record<Locale, string> = {
	de: 'de-DE',
	en: 'en-GB',
	tr: 'tr-TR',
	ar: 'ar-u-nu-latn',
	uk: 'uk-UA',
	ru: 'ru-RU'
};

type Table = Partial<Record<string, string>>;
type ExtraLocale = Exclude<Locale, 'de' | 'en'>;

/**
 * German and English are always here (German is the default, English the fallback of the other
 * four and of staff views). The other four languages travel only to a browser that shows them:
 * all six in one file made every page load a third more message text than it shows.
 */
const tables: Partial<Record<Locale, Table>> = { de, en };
const extraTables: Record<ExtraLocale, () => Promise<Table>> = {
	tr: () => import('./locales/tr').then((module) => module.tr),
	ar: () => import('./locales/ar').then((module) => module.ar),
	uk: () => import('./locales/uk').then((module) => module.uk),
	ru: () => import('./locales/ru').then((module) => module.ru)
};

/**
 * Makes a language's texts available to `translate`. The root layout awaits it for the page's
 * language before anything renders; the server loads all of them when it starts. Until then a
 * language falls back to English, never to an error.
 */
export async function loadLocale(locale: Locale): Promise<void> {
	if (tables[locale] || !isLocale(locale)) return;
	tables[locale] = await extraTables[locale as ExtraLocale]();
}

/** Every language at once: for the server and for tests. */
export async function loadAllLocales(): Promise<void> {
	await Promise.all([...locales.map(loadLocale), loadAllSimple()]);
}

export function isLocale(value: unknown): value is Locale {
	return locales.includes(value as Locale);
}

/** Any value (cookie, form field, `?lang=`) as a locale: unknown or malformed codes give German. */
export function toLocale(value: unknown): Locale {
	return isLocale(value) ? value : defaultLocale;
}

/** Writing direction of the document. */
export function dirOf(locale: Locale): 'rtl' | 'ltr' {
	return locale === 'ar' ? 'rtl' : 'ltr';
}

/**
 * The first supported language in an Accept-Language header (by q weight), or undefined.
 * Used only on a first visit without a `lang` cookie.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | undefined {
	if (!header) return undefined;
	const ranked = header
		.split(',')
		.slice(0, 20)
		.map((part, index) => {
			const [tag, ...params] = part.trim().split(';');
			const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
			return { base: tag.trim().toLowerCase().split('-')[0], q: q ? Number(q) : 1, index };
		})
		.filter((entry) => entry.q > 0)
		.sort((a, b) => b.q - a.q || a.index - b.index);
	return ranked.find((entry) => isLocale(entry.base))?.base as Locale | undefined;
}

const pluralRules = new Map<Locale, Intl.PluralRules>();
function pluralCategory(locale: Locale, n: number): string {
	let rules = pluralRules.get(locale);
	if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(intlTags[locale])));
	return rules.select(n);
}

/**
 * Looks a key up and fills `{name}` slots. Chosen language → English (for the extra languages)
 * → German → the key itself; never crashes.
 *
 * Plural forms: `{n|one:карточка|few:карточки|many:карточек|other:карточки}` picks the word for
 * the number in slot `n` by the language's Intl.PluralRules (falling back to `other`); a `#` in
 * the chosen form stands for the number.
 *
 * `simple`: the reader chose Einfache Sprache; the key's simple version in the chosen language
 * comes first where there is one (see ./simple).
 */
export function translate(
	locale: Locale,
	key: MessageKey | string,
	params: Record<string, string | number> = {},
	simple = false
): string {
	const chosen = isLocale(locale) ? locale : defaultLocale;
	const text =
		(simple ? simpleText(chosen, key) : undefined) ??
		tables[chosen]?.[key] ??
		(chosen !== 'de' ? en[key as MessageKey] : undefined) ??
		(de as Record<string, string>)[key] ??
		key;
	return text
		.replace(/\{(\w+)\|([^{}]*)\}/g, (slot, name: string, forms: string) => {
			if (!(name in params)) return slot;
			const options = new Map(
				forms.split('|').map((form) => {
					const colon = form.indexOf(':');
					return [form.slice(0, colon), form.slice(colon + 1)] as const;
				})
			);
			const category = pluralCategory(chosen, Number(params[name]));
			const form = options.get(category) ?? options.get('other') ?? '';
			return form.replace('#', String(params[name]));
		})
		.replace(/\{(\w+)\}/g, (slot, name: string) => (name in params ? String(params[name]) : slot));
}
