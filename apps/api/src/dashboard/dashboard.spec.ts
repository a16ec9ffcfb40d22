import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller, Get, Post } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { DashboardModule } from './dashboard.module.js';

/** Stand-ins for the API's own routes, which the dashboard must never catch. */
@Controller()
class ApiRoutes {
  @Get('health/live')
  live() {
    return { status: 'ok' };
  }

  @Get('graphql')
  graphqlGet() {
    return { from: 'graphql' };
  }

  @Post('graphql')
  graphqlPost() {
    return { from: 'graphql' };
  }

  @Get('imports/unknown')
  imports() {
    return { from: 'imports' };
  }
}

describe('the dashboard served at /', () => {
  let dir: string;
  let app: NestExpressApplication;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dashboard-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Throughline</title>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'inside');
    const moduleRef = await Test.createTestingModule({
      imports: [DashboardModule.forRoot([join(dir, 'missing'), dir])],
      controllers: [ApiRoutes],
    }).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html at / and for client routes (SPA fallback), never cached', async () => {
    for (const path of ['/', '/goals/G-ENT', '/tickets/PAY-1?team=PAY', '/gaps']) {
      const res = await fetch(`${url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('<title>Throughline</title>');
    }
  });

  it('serves hashed assets with a long cache and 404s a missing file', async () => {
    const res = await fetch(`${url}/assets/index-abc123.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('javascript');
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${url}/assets/missing-123.js`)).status).toBe(404);
  });

  it('leaves /graphql, /health and /imports to the API', async () => {
    expect(await (await fetch(`${url}/graphql`)).json()).toEqual({ from: 'graphql' });
    expect(await (await fetch(`${url}/graphql`, { method: 'POST' })).json()).toEqual({
      from: 'graphql',
    });
    expect(await (await fetch(`${url}/health/live`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${url}/imports/unknown`)).json()).toEqual({ from: 'imports' });
    expect((await fetch(`${url}/health/nothing`)).status).toBe(404);
  });

  it('does not serve files outside its folder', async () => {
    const res = await fetch(`${url}/%2e%2e/%2e%2e/etc/passwd`);
    expect(await res.text()).not.toContain('root:');
  });
});
