// adapter-node's App.Platform: `{ req }`, the Node request (src/hooks.server.ts reads services from it).
/// <reference types="@sveltejs/adapter-node" />
import type { Actor } from '$lib/domain/roles';
import type { Locale } from '$lib/i18n';
import type { AppServices } from '$lib/server/services';

declare global {
	namespace App {
		interface Locals {
			/** Set first by src/hooks.server.ts, from the entry point (src/lib/server/services.ts). */
			services: AppServices;
			actor: Actor | null;
			sessionId: string | null;
			locale: Locale;
			/** Einfache Sprache chosen (cookie `einfach`, `?einfach=1`); see $lib/server/i18n/locale. */
			simpleLanguage: boolean;
		}
		interface PageData {
			locale: Locale;
			simpleLanguage: boolean;
			actor: Actor | null;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
