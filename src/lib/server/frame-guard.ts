import type { Handle } from '@sveltejs/kit';

/**
 * No page of this app may be shown inside another site's frame: a framed login or facilitator
 * page can be overlaid with a decoy and clicked through (clickjacking). `frame-ancestors 'none'`
 * is the rule browsers follow; `X-Frame-Options: DENY` says the same to older ones. Set here,
 * after rendering, so every HTML response gets it: pages, error pages and anything a route
 * returns as HTML. Other responses (JSON, files) are not rendered in a frame as a page.
 */
const frameAncestors = "frame-ancestors 'none'";

export function forbidFraming(response: Response): Response {
	if (!response.headers.get('content-type')?.startsWith('text/html')) return response;
	let guarded = response;
	try {
		guarded.headers.set('x-frame-options', 'DENY');
	} catch {
		// Headers of a fetched response are immutable: copy them once.
		guarded = new Response(response.body, response);
		guarded.headers.set('x-frame-options', 'DENY');
	}
	// A policy set elsewhere (kit.csp, a route) is kept and extended, never replaced.
	const policy = guarded.headers.get('content-security-policy');
	if (!policy) guarded.headers.set('content-security-policy', frameAncestors);
	else if (!/(^|;)\s*frame-ancestors\s/i.test(policy))
		guarded.headers.set('content-security-policy', `${policy}; ${frameAncestors}`);
	return guarded;
}

export const frameGuard: Handle = async ({ event, resolve }) => forbidFraming(await resolve(event));
