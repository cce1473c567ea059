/**
 * SvelteKit's CSRF check, done in hooks.server.ts instead of inside SvelteKit, so that a refusal
 * on an API path answers in the API's JSON shape (SvelteKit's own check runs before any hook and
 * answers plain text). The rule is SvelteKit's (`runtime/server/respond.js`): a POST, PUT, PATCH or
 * DELETE with a content type an HTML form can send, from another origin (or with no Origin header),
 * is refused. JSON bodies need a CORS preflight, which this server never grants, so they are safe
 * without it (see api/json-body.ts). svelte.config.js turns SvelteKit's check off for this one.
 */
const formTypes = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const writes = ['POST', 'PUT', 'PATCH', 'DELETE'];

export function isCrossSiteForm(request: Request, url: URL): boolean {
	const type = (request.headers.get('content-type') ?? '').split(';', 1)[0].trim().toLowerCase();
	return (
		formTypes.includes(type) &&
		writes.includes(request.method) &&
		request.headers.get('origin') !== url.origin
	);
}
