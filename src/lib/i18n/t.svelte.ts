import { page } from '$app/state';
import { translate, type Locale, type MessageKey } from '.';

/** Translation in components; reactive because `page.data` is. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
	return translate((page.data.locale as Locale | undefined) ?? 'de', key, params);
}
