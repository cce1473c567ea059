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
