// A real OpenID provider for Secondround's single sign-on tests: node-oidc-provider,
// on 127.0.0.1, with one client and a list of accounts, and a minimal login page
// (an e-mail field and a button) in place of the provider's own interactions.
//
// Settings come from the environment:
//   OIDC_PORT          port (0: any free one); the issuer is http://127.0.0.1:PORT
//   OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI
//   OIDC_ACCOUNTS      JSON list of {"sub", "email", "email_verified", "xms_edov", "name"}
//                      (a null claim is left out)
//   OIDC_CLOCK_BEHIND_SECS  when set, the provider's clock runs this far behind
//                      while it issues tokens, so its ID tokens are born expired
// The first line on stdout is the port it listens on.
import http from 'node:http';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';

const env = (name, fallback) => process.env[name] ?? fallback;
const accounts = JSON.parse(env('OIDC_ACCOUNTS', '[]'));
const redirectUri = env('OIDC_REDIRECT_URI', 'http://127.0.0.1:8080/auth/oidc/callback');
const clockBehind = Number(env('OIDC_CLOCK_BEHIND_SECS', '0'));

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function signingKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomBytes(8).toString('hex'), use: 'sig', alg: 'RS256' };
}

let handler = (req, res) => { res.statusCode = 503; res.end(); };
const server = http.createServer((req, res) => handler(req, res));
server.listen(Number(env('OIDC_PORT', '0')), '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: env('OIDC_CLIENT_ID', 'secondround'),
      client_secret: env('OIDC_CLIENT_SECRET', 'secret'),
      redirect_uris: [redirectUri],
      // The app's signed-out page, on the same origin as its callback.
      post_logout_redirect_uris: [new URL('/login?signed_out=1', redirectUri).href],
      response_types: ['code'],
      grant_types: ['authorization_code'],
    }],
    async findAccount(ctx, sub) {
      const account = accounts.find((a) => a.sub === sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        async claims() {
          // A claim the account leaves out (null) is not sent at all.
          const claims = { sub, email: account.email, email_verified: account.email_verified,
            xms_edov: account.xms_edov, name: account.name };
          return Object.fromEntries(Object.entries(claims).filter(([, value]) => value != null));
        },
      };
    },
    // xms_edov: Entra ID's optional claim, sent in its place of email_verified.
    claims: { openid: ['sub'], email: ['email', 'email_verified', 'xms_edov'], profile: ['name'] },
    // The e-mail in the ID token itself, as Entra ID, Google and Keycloak put it.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    ttl: { AuthorizationCode: 60, Interaction: 600, Grant: 600, Session: 3600, AccessToken: 600, IdToken: 3600 },
    // Keys of its own for every start: two providers never share a signing key.
    jwks: { keys: [signingKey()] },
  });
  provider.on('server_error', (ctx, err) => console.error('provider error:', err));

  if (clockBehind) {
    // Only around the token endpoint: the ID token's iat and exp lie in the past.
    provider.use(async (ctx, next) => {
      if (ctx.path !== '/token') return next();
      const realNow = Date.now;
      Date.now = () => realNow() - clockBehind * 1000;
      try { await next(); } finally { Date.now = realNow; }
    });
  }

  const callback = provider.callback();
  handler = async (req, res) => {
    const match = req.url.match(/^\/interaction\/([^/?]+)(\/login)?/);
    if (!match) return callback(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (req.method === 'GET') {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(`<!doctype html><html lang="en"><head><title>Test provider sign-in</title></head><body>
<h1>Test provider</h1>
<form method="post" action="/interaction/${escape(details.uid)}/login">
<label for="login">E-mail</label> <input id="login" name="login" type="email" autofocus>
<button id="provider-sign-in" type="submit">Sign in</button></form></body></html>`);
        return;
      }
      const body = await new Promise((resolve) => {
        let data = '';
        req.on('data', (chunk) => { data += chunk; });
        req.on('end', () => resolve(new URLSearchParams(data)));
      });
      const account = accounts.find((a) => a.email === body.get('login'));
      if (!account) {
        res.statusCode = 400;
        res.end('no such test account');
        return;
      }
      // Signed in and consented in one step: the tests have no consent page.
      const grant = new provider.Grant({ accountId: account.sub, clientId: details.params.client_id });
      grant.addOIDCScope(details.params.scope);
      const grantId = await grant.save();
      await provider.interactionFinished(req, res,
        { login: { accountId: account.sub }, consent: { grantId } },
        { mergeWithLastSubmission: false });
    } catch (err) {
      console.error('interaction failed:', err);
      res.statusCode = 400;
      res.end(`interaction failed: ${escape(err.message)}`);
    }
  };
  // The port is all stdout carries; the test stops reading it after that.
  process.stdout.write(`${port}\n`);
  process.stdout.on('error', () => {});
  console.log = console.error;
  console.info = console.error;
});
