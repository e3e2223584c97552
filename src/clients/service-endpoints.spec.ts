import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppConfig } from '../config/app-config';
import { generateSound } from '../pipeline/steps/generate-sound';
import { ServiceEndpoints } from './service-endpoints';

describe('ServiceEndpoints', () => {
  it('calls the configured URL, else the embedded service on this server', () => {
    const endpoints = new ServiceEndpoints(
      new AppConfig({ SOUND_GENERATION_URL: 'http://sound-generation:8000/generate' }),
    );
    endpoints.setSelfBaseUrl('http://127.0.0.1:4321/');
    assert.equal(endpoints.urlFor(generateSound), 'http://sound-generation:8000/generate');
    const embedded = new ServiceEndpoints(new AppConfig({}));
    embedded.setSelfBaseUrl('http://127.0.0.1:4321/');
    assert.equal(
      embedded.urlFor(generateSound),
      'http://127.0.0.1:4321/reference/sound-generation/generate',
    );
  });

  it('refuses to start when a step would call an embedded service that is not mounted', () => {
    const endpoints = new ServiceEndpoints(new AppConfig({}));
    endpoints.checkEveryServiceReachable(() => true);
    assert.throws(
      () => endpoints.checkEveryServiceReachable((path) => !path.includes('mixing')),
      /mix_master calls mixing-mastering, but MIXING_MASTERING_URL is unset and its embedded service \/reference\/mixing-mastering\/process is not mounted/,
    );
  });

  it('needs no embedded service for a step whose URL is configured', () => {
    const endpoints = new ServiceEndpoints(
      new AppConfig({ MIXING_MASTERING_URL: 'http://mixing-mastering:8000/process' }),
    );
    endpoints.checkEveryServiceReachable((path) => !path.includes('mixing'));
  });
});
