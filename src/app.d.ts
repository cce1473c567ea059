import type { Actor } from '$lib/domain/roles';
import type { Locale } from '$lib/i18n';

declare global {
	namespace App {
		interface Locals {
			actor: Actor | null;
			sessionId: string | null;
			locale: Locale;
		}
		interface PageData {
			locale: Locale;
			actor: Actor | null;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
