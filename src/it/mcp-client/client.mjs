// The OAuth steps an MCP client takes (MCP authorization: RFC 8414 discovery, RFC 7591 registration, the code
// flow with PKCE and RFC 8707 resource), with the MCP TypeScript SDK's own functions. McpClientIT drives the
// browser part in between and checks what comes out.
//
//   node client.mjs start  <issuer> <redirect-uri> <resource> <scope>   -> JSON: client, authorizationUrl, codeVerifier
//   node client.mjs finish <issuer> <state-file> <code>                 -> JSON: tokens, refreshed
import { readFileSync } from 'node:fs';
import {
  discoverAuthorizationServerMetadata,
  exchangeAuthorization,
  refreshAuthorization,
  registerClient,
  startAuthorization,
} from '@modelcontextprotocol/sdk/client/auth.js';

const [step, issuer, ...args] = process.argv.slice(2);
const metadata = await discoverAuthorizationServerMetadata(issuer);
if (!metadata) {
  throw new Error(`no authorization server metadata at ${issuer}`);
}

if (step === 'start') {
  const [redirectUri, resource, scope] = args;
  const client = await registerClient(issuer, {
    metadata,
    clientMetadata: {
      client_name: 'MCP Inspector (test)',
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      scope,
    },
  });
  const { authorizationUrl, codeVerifier } = await startAuthorization(issuer, {
    metadata,
    clientInformation: client,
    redirectUrl: redirectUri,
    scope,
    state: 'mcp-state',
    resource: new URL(resource),
  });
  console.log(JSON.stringify({ client, authorizationUrl: authorizationUrl.href, codeVerifier, redirectUri, resource,
    registrationEndpoint: metadata.registration_endpoint }));
} else if (step === 'finish') {
  const [stateFile, code] = args;
  const state = JSON.parse(readFileSync(stateFile, 'utf8'));
  const tokens = await exchangeAuthorization(issuer, {
    metadata,
    clientInformation: state.client,
    authorizationCode: code,
    codeVerifier: state.codeVerifier,
    redirectUri: state.redirectUri,
    resource: new URL(state.resource),
  });
  const refreshed = await refreshAuthorization(issuer, {
    metadata,
    clientInformation: state.client,
    refreshToken: tokens.refresh_token,
    resource: new URL(state.resource),
  });
  console.log(JSON.stringify({ tokens, refreshed }));
} else {
  throw new Error(`unknown step ${step}`);
}
