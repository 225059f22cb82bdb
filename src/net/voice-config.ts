import { parseVoiceConfigResponse, VOICE_CONFIG_PATH, type IceConfigResult } from '../shared/ice-config';

/**
 * Reads the deployment's voice chat ICE settings from the room server (VOICE_CONFIG_PATH). Never
 * rejects: a server that cannot be asked, or answers something malformed, gives the default (no
 * servers: host candidates, which work on one network) with the reason, so the page can say why
 * voices from other networks may not arrive.
 */
export async function fetchVoiceConfig(fetchImpl: typeof fetch = fetch, base = ''): Promise<IceConfigResult> {
  try {
    const res = await fetchImpl(`${base}${VOICE_CONFIG_PATH}`, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    if (!res.ok) return parseVoiceConfigResponse(`the server answered ${res.status}`, `the voice configuration answered ${res.status}`);
    return parseVoiceConfigResponse(await res.json());
  } catch (error) {
    return parseVoiceConfigResponse(null, `the voice configuration could not be read (${error instanceof Error ? error.message : String(error)})`);
  }
}
