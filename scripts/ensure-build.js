// `npm start` on a fresh clone: build the app once if there is no build yet.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('build/handler.js')) {
	console.log('Erster Start: die App wird gebaut (einmalig, etwa eine Minute) …');
	execSync('npx vite build', { stdio: 'inherit' });
}
