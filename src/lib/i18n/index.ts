import { de, en, type MessageKey } from './messages';
import { ar } from './locales/ar';
import { ru } from './locales/ru';
import { tr } from './locales/tr';
import { uk } from './locales/uk';

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

const tables: Record<Locale, Partial<Record<string, string>>> = { de, en, tr, ar, uk, ru };

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
 */
export function translate(
	locale: Locale,
	key: MessageKey | string,
	params: Record<string, string | number> = {}
): string {
	const chosen = isLocale(locale) ? locale : defaultLocale;
	const text =
		tables[chosen][key] ??
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
