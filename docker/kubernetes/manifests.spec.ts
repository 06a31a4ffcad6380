import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants.js';
import { loadConfig, NOTIFY_TEMPLATE_KINDS, type Environment } from '@la-tracker/platform/config';
import { OperationsServer, type ReadinessService } from '@la-tracker/platform/observability';
import { Registry } from 'prom-client';
import { parseAllDocuments } from 'yaml';
import { HealthController as ApiHealthController } from '../../apps/api/src/health.controller';
import { MetricsController } from '../../apps/api/src/metrics.controller';
import { HealthController as WebHealthController } from '../../apps/web/src/pages/health.controller';
import { loadWebConfig } from '../../apps/web/src/main';
import {
  manifestProblems,
  schemaProblems,
  type App,
  type Manifest,
  type ProductContract,
} from './manifest-checks';

const DIR = __dirname;
const EXAMPLE_SECRET = 'secret.example.yaml';

function parse(file: string): Manifest[] {
  return parseAllDocuments(readFileSync(join(DIR, file), 'utf8')).map((document) => {
    if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0]?.message}`);
    return { file, doc: document.toJS() as unknown };
  });
}

const kustomization = parse('kustomization.yaml')[0]?.doc as { resources: string[] };
const manifests = kustomization.resources.flatMap(parse);
const secret = parse(EXAMPLE_SECRET)[0]?.doc as {
  metadata: { name: string };
  stringData: Record<string, string>;
};

/** Paths a Nest controller answers, e.g. /health/live. */
function routesOf(controller: { prototype: object }): string[] {
  const base = Reflect.getMetadata(PATH_METADATA, controller) as string;
  return Object.getOwnPropertyNames(controller.prototype)
    .filter((method) => method !== 'constructor')
    .map((method): unknown =>
      Reflect.getMetadata(PATH_METADATA, Reflect.get(controller.prototype, method) as object),
    )
    .filter((path): path is string => typeof path === 'string')
    .map((path) => `/${[base, path].filter((part) => part && part !== '/').join('/')}`);
}

/** Paths the worker's health and metrics listener answers, asked over HTTP. */
async function workerPaths(candidates: readonly string[]): Promise<string[]> {
  const readiness = {
    check: () => Promise.resolve({ httpStatus: 200, body: { status: 'ok' } }),
  } as unknown as ReadinessService;
  const server = new OperationsServer(0, readiness, new Registry());
  await server.onApplicationBootstrap();
  try {
    const answers = await Promise.all(
      candidates.map(async (path) => {
        const response = await fetch(`http://127.0.0.1:${server.listeningPort}${path}`);
        return response.status === 404 ? undefined : path;
      }),
    );
    return answers.filter((path) => path !== undefined);
  } finally {
    await server.onApplicationShutdown();
  }
}

/** Each app's production start-up checks of its configuration, as its main.ts runs them. */
function startUp(app: App, env: Environment): number | undefined {
  switch (app) {
    case 'api':
      return loadConfig(env).port;
    case 'worker': {
      const config = loadConfig(env);
      // createWorker's own rule: in production reminders go through GOV.UK Notify.
      if (config.nodeEnv === 'production' && !config.notify)
        throw new Error('the worker needs NOTIFY_API_KEY and every template in production');
      return config.workerPort;
    }
    case 'web':
      return loadWebConfig(env).web.port;
    case 'cli':
      loadConfig(env, ['DATABASE_URL']);
      return undefined;
  }
}

/** Variables in README's configuration table, and the Notify template of each kind. */
function documentedVariables(): Set<string> {
  const readme = readFileSync(join(DIR, '../../README.md'), 'utf8');
  const table = readme.split('## Configuration')[1]?.split('\n## ')[0] ?? '';
  const names = table
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([A-Z0-9_]+)`/g)])
    .map((match) => match[1] ?? '');
  return new Set([...names, ...NOTIFY_TEMPLATE_KINDS.map((kind) => `NOTIFY_TEMPLATE_${kind}`)]);
}

let contract: ProductContract;

beforeAll(async () => {
  Logger.overrideLogger(false);
  const documented = documentedVariables();
  contract = {
    servedPaths: {
      api: [...routesOf(ApiHealthController), ...routesOf(MetricsController)],
      worker: await workerPaths(['/health/live', '/health/ready', '/metrics', '/health']),
      web: routesOf(WebHealthController),
    },
    startUp,
    readsVariable: (name) => documented.has(name),
    secret: { name: secret.metadata.name, values: secret.stringData },
  };
});

/** A deep copy of the manifests with one document changed. */
function broken(file: string, kind: string, change: (doc: any) => void): Manifest[] {
  return manifests.map((manifest) => {
    const copy = structuredClone(manifest.doc) as any;
    if (manifest.file === file && copy.kind === kind) change(copy);
    return { file: manifest.file, doc: copy as unknown };
  });
}

interface ContainerCopy {
  env: Array<{ name: string; valueFrom?: any }>;
  envFrom: Array<{ configMapRef: { name: string } }>;
  [field: string]: any;
}

const firstContainer = (doc: any) => doc.spec.template.spec.containers[0] as ContainerCopy;

describe('the Kubernetes manifests', () => {
  it('are all listed in kustomization.yaml, and the example Secret is not', () => {
    const files = readdirSync(DIR).filter((file) => file.endsWith('.yaml'));
    expect([...kustomization.resources].sort()).toEqual(
      files.filter((file) => file !== 'kustomization.yaml' && file !== EXAMPLE_SECRET).sort(),
    );
  });

  it('are a ConfigMap, the files volume, the migration Job and the api, worker and web', () => {
    const kinds = manifests.map(({ doc }) => {
      const { kind, metadata } = doc as { kind: string; metadata: { name: string } };
      return `${kind} ${metadata.name}`;
    });
    expect(kinds.sort()).toEqual([
      'ConfigMap la-tracker-config',
      'ConfigMap la-tracker-web-config',
      'ConfigMap la-tracker-worker-config',
      'Deployment la-tracker-api',
      'Deployment la-tracker-web',
      'Deployment la-tracker-worker',
      'HorizontalPodAutoscaler la-tracker-api',
      'Job la-tracker-migrate',
      'PersistentVolumeClaim la-tracker-files',
      'PodDisruptionBudget la-tracker-api',
      'PodDisruptionBudget la-tracker-web',
      'Service la-tracker-api',
      'Service la-tracker-web',
    ]);
  });

  it('read the served paths from the code itself', () => {
    expect(contract.servedPaths).toEqual({
      api: ['/health/live', '/health/ready', '/metrics'],
      worker: ['/health/live', '/health/ready', '/metrics'],
      web: ['/health/live'],
    });
  });

  it('have no problem, against the schemas, one another and the product', () => {
    expect(manifestProblems(manifests, contract)).toEqual([]);
  });

  it('and the example Secret fits the Secret schema', () => {
    expect(parse(EXAMPLE_SECRET).flatMap(schemaProblems)).toEqual([]);
  });
});

describe('manifestProblems', () => {
  it('refuses a field of the wrong type', () => {
    const sut = broken('api-deployment.yaml', 'Deployment', (doc) => (doc.spec.replicas = 'two'));
    expect(manifestProblems(sut, contract)).toEqual([
      expect.stringMatching(
        /^api-deployment\.yaml apps\/v1\/Deployment .*replicas must be integer/,
      ),
    ]);
  });

  it('refuses a document missing a required field', () => {
    const sut = broken('api-service.yaml', 'Service', (doc) => delete doc.spec.ports[0].port);
    expect(manifestProblems(sut, contract)).toEqual([
      'api-service.yaml v1/Service la-tracker-api: data/spec/ports/0 must have required property port',
    ]);
  });

  it('refuses a kind it has no schema for', () => {
    const sut = broken('api-hpa.yaml', 'HorizontalPodAutoscaler', (doc) => {
      doc.apiVersion = 'autoscaling/v9';
    });
    expect(manifestProblems(sut, contract)).toEqual([
      'api-hpa.yaml autoscaling/v9/HorizontalPodAutoscaler la-tracker-api: no schema known for autoscaling/v9/HorizontalPodAutoscaler',
    ]);
  });

  it('refuses a probe of a path the app does not serve', () => {
    const sut = broken('api-deployment.yaml', 'Deployment', (doc) => {
      firstContainer(doc).readinessProbe.httpGet.path = '/healthz';
    });
    expect(manifestProblems(sut, contract)).toEqual([
      'api-deployment.yaml (Deployment la-tracker-api) container api: readinessProbe asks for /healthz, which api does not serve',
    ]);
  });

  it('refuses a probe of a port the app does not listen on', () => {
    const sut = broken('worker-deployment.yaml', 'Deployment', (doc) => {
      firstContainer(doc).ports[0].containerPort = 3000;
    });
    expect(manifestProblems(sut, contract)).toContain(
      'worker-deployment.yaml (Deployment la-tracker-worker) container worker: livenessProbe goes to port 3000, but worker listens on 3001',
    );
  });

  it('refuses a Service whose selector matches no pods', () => {
    const sut = broken('web-service.yaml', 'Service', (doc) => {
      doc.spec.selector['app.kubernetes.io/component'] = 'website';
    });
    expect(manifestProblems(sut, contract)).toEqual([
      "web-service.yaml: its selector matches 0 Deployments' pods, not one",
    ]);
  });

  it('refuses an autoscaler of something other than the api', () => {
    const sut = broken('api-hpa.yaml', 'HorizontalPodAutoscaler', (doc) => {
      doc.spec.scaleTargetRef.name = 'la-tracker-worker';
    });
    expect(manifestProblems(sut, contract)).toEqual([
      'api-hpa.yaml: scales la-tracker-worker, which does not run the api',
    ]);
  });

  it('refuses an app missing a variable it needs in production', () => {
    const sut = broken('api-deployment.yaml', 'Deployment', (doc) => {
      const container = firstContainer(doc);
      container.env = container.env.filter((e) => e.name !== 'DATABASE_URL');
    });
    expect(manifestProblems(sut, contract)).toEqual([
      expect.stringMatching(
        /^api-deployment\.yaml \(Deployment la-tracker-api\) container api: api would not start: .*DATABASE_URL is required/s,
      ),
    ]);
  });

  it('refuses a worker without GOV.UK Notify', () => {
    const sut = broken('worker-deployment.yaml', 'Deployment', (doc) => {
      const container = firstContainer(doc);
      container.env = container.env.filter((e) => e.name !== 'NOTIFY_API_KEY');
      container.envFrom = container.envFrom.filter(
        (e) => e.configMapRef.name !== 'la-tracker-worker-config',
      );
    });
    expect(manifestProblems(sut, contract)).toEqual([
      'worker-deployment.yaml (Deployment la-tracker-worker) container worker: worker would not start: the worker needs NOTIFY_API_KEY and every template in production',
    ]);
  });

  it('refuses a secret written into the ConfigMap, and a variable nothing reads', () => {
    const sut = broken('configmap.yaml', 'ConfigMap', (doc) => {
      doc.data.REDIS_URL = 'redis://redis:6379';
      doc.data.REDIS_ULR = 'redis://redis:6379';
    });
    expect(manifestProblems(sut, contract)).toEqual(
      expect.arrayContaining([
        'web-deployment.yaml (Deployment la-tracker-web) container web: REDIS_URL is a secret, yet in a ConfigMap',
        'web-deployment.yaml (Deployment la-tracker-web) container web: REDIS_ULR is read by nothing',
      ]),
    );
  });

  it('refuses Notify templates without the key to send with', () => {
    const sut = broken('worker-deployment.yaml', 'Deployment', (doc) => {
      const container = firstContainer(doc);
      container.env = container.env.filter((e) => e.name !== 'NOTIFY_API_KEY');
    });
    expect(manifestProblems(sut, contract)).toEqual([
      'worker-deployment.yaml (Deployment la-tracker-worker) container worker: worker would not start: Invalid configuration:\n  - NOTIFY_API_KEY is needed to send through GOV.UK Notify',
    ]);
  });

  it('refuses a reference to a key the Secret does not have', () => {
    const sut = broken('web-deployment.yaml', 'Deployment', (doc) => {
      firstContainer(doc).env[0].valueFrom.secretKeyRef.key = 'SESSION_SECRET';
    });
    expect(manifestProblems(sut, contract)).toContain(
      'web-deployment.yaml (Deployment la-tracker-web) container web: WEB_SESSION_SECRET refers to la-tracker-secrets/SESSION_SECRET, which is not in the Secret',
    );
  });

  it('refuses a writable root filesystem', () => {
    const sut = broken('migrate-job.yaml', 'Job', (doc) => {
      firstContainer(doc).securityContext.readOnlyRootFilesystem = false;
    });
    expect(manifestProblems(sut, contract)).toEqual([
      'migrate-job.yaml (Job la-tracker-migrate) container migrate: the root filesystem is writable',
    ]);
  });

  it('refuses a Job that does not migrate', () => {
    const sut = broken('migrate-job.yaml', 'Job', (doc) => {
      firstContainer(doc).command = ['node', 'dist/apps/cli/src/main.js', 'seed'];
    });
    expect(manifestProblems(sut, contract)).toEqual([
      'migrate-job.yaml (Job la-tracker-migrate) container migrate: the Job does not run the migrations',
    ]);
  });
});
