/** Only same-site paths: `//evil.example` or `https://…` would turn a redirect into a phishing hop. */
export function safeRedirectTarget(value: unknown, fallback = '/'): string {
	if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//'))
		return fallback;
	if (value.includes('\\')) return fallback;
	return value;
}
