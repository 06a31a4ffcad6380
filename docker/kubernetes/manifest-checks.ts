import type { Environment } from '@la-tracker/platform/config';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Deployment, type IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import { Job, type IJob } from 'kubernetes-models/batch/v1/Job';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap, type IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IContainer } from 'kubernetes-models/v1/Container';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IProbe } from 'kubernetes-models/v1/Probe';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service, type IService } from 'kubernetes-models/v1/Service';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';

/** One YAML document of a manifest file, as parsed. */
export interface Manifest {
  readonly file: string;
  readonly doc: unknown;
}

/** The programs of the image, named as their entry points are (dist/apps/<app>/src/main.js). */
export const APPS = ['api', 'worker', 'web', 'cli'] as const;
export type App = (typeof APPS)[number];

/** What the product's own code says, against which the manifests are checked. */
export interface ProductContract {
  /** Paths each long-running app answers GET on (health, metrics). */
  readonly servedPaths: Readonly<Record<Exclude<App, 'cli'>, readonly string[]>>;
  /**
   * Reads the app's production configuration from `env` as the app does at start-up, throwing
   * what it would refuse to start on; gives the port it listens on (none for the command line).
   */
  readonly startUp: (app: App, env: Environment) => number | undefined;
  /** Whether the product reads a variable of this name. */
  readonly readsVariable: (name: string) => boolean;
  /** The Secret the pods refer to: its name and the keys it holds, with placeholder values. */
  readonly secret: { readonly name: string; readonly values: Readonly<Record<string, string>> };
}

/** The official schema of each kind the deployment uses, by `apiVersion/kind`. */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

type Labels = Readonly<Record<string, string>>;

interface Workload {
  readonly where: string;
  readonly kind: 'Deployment' | 'Job';
  readonly name: string;
  readonly labels: Labels;
  readonly pod: IPodSpec;
  readonly annotations: Labels;
}

/** Problems of one document against the Kubernetes schema of its apiVersion and kind. */
export function schemaProblems({ file, doc }: Manifest): string[] {
  const typeMeta = doc as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } };
  const key = `${String(typeMeta?.apiVersion)}/${String(typeMeta?.kind)}`;
  const where = `${file} ${key} ${String(typeMeta?.metadata?.name)}`;
  const Model = MODELS[key];
  if (!Model) return [`${where}: no schema known for ${key}`];
  try {
    new Model(doc as never).validate();
    return [];
  } catch (error) {
    return [`${where}: ${error instanceof Error ? error.message : String(error)}`];
  }
}

/**
 * Every problem of a set of manifests: each against its schema, then against one another and
 * against the product (selectors, probes, environment, security). None for a good set.
 */
export function manifestProblems(manifests: readonly Manifest[], contract: ProductContract) {
  const schema = manifests.flatMap(schemaProblems);
  if (schema.length > 0) return schema;
  const docs = manifests.map(({ file, doc }) => ({ file, doc: doc as { kind: string } }));
  const ofKind = <T>(kind: string) =>
    docs.filter(({ doc }) => doc.kind === kind).map(({ file, doc }) => ({ file, doc: doc as T }));
  const configMaps = ofKind<IConfigMap>('ConfigMap');
  const workloads = [
    ...ofKind<IDeployment>('Deployment').map(({ file, doc }) => deploymentWorkload(file, doc)),
    ...ofKind<IJob>('Job').map(({ file, doc }) => jobWorkload(file, doc)),
  ];
  const deployments = workloads.filter((w) => w.kind === 'Deployment');
  const problems: string[] = [];

  for (const { file } of ofKind('Secret'))
    problems.push(`${file}: a Secret is applied with the manifests; its values would be in git`);
  for (const { file, doc } of ofKind<IDeployment>('Deployment')) {
    const selector = doc.spec?.selector.matchLabels ?? {};
    if (!matches(selector, doc.spec?.template.metadata?.labels ?? {}))
      problems.push(`${file}: the selector does not match the pod template's labels`);
  }
  for (const { file, doc } of ofKind<IService>('Service'))
    problems.push(...serviceProblems(file, doc, deployments));
  for (const { file, doc } of ofKind<IHorizontalPodAutoscaler>('HorizontalPodAutoscaler')) {
    const target = doc.spec?.scaleTargetRef;
    const deployment = deployments.find((d) => d.name === target?.name);
    if (target?.kind !== 'Deployment' || target.apiVersion !== 'apps/v1' || !deployment)
      problems.push(
        `${file}: scales ${target?.kind} ${target?.name}, which is not a Deployment here`,
      );
    else if (appsOf(deployment).join() !== 'api')
      problems.push(`${file}: scales ${deployment.name}, which does not run the api`);
  }
  for (const { file, doc } of ofKind<IPodDisruptionBudget>('PodDisruptionBudget')) {
    const selector = doc.spec?.selector?.matchLabels ?? {};
    if (!deployments.some((d) => matches(selector, d.labels)))
      problems.push(`${file}: its selector matches no Deployment's pods`);
  }
  for (const workload of workloads)
    problems.push(...workloadProblems(workload, configMaps, contract));
  return problems;
}

function deploymentWorkload(file: string, doc: IDeployment): Workload {
  return {
    where: `${file} (Deployment ${doc.metadata?.name})`,
    kind: 'Deployment',
    name: doc.metadata?.name ?? '',
    labels: doc.spec?.template.metadata?.labels ?? {},
    annotations: doc.spec?.template.metadata?.annotations ?? {},
    pod: doc.spec?.template.spec ?? { containers: [] },
  };
}

function jobWorkload(file: string, doc: IJob): Workload {
  return {
    where: `${file} (Job ${doc.metadata?.name})`,
    kind: 'Job',
    name: doc.metadata?.name ?? '',
    labels: doc.spec?.template.metadata?.labels ?? {},
    annotations: doc.spec?.template.metadata?.annotations ?? {},
    pod: doc.spec?.template.spec ?? { containers: [] },
  };
}

function matches(selector: Labels, labels: Labels): boolean {
  const pairs = Object.entries(selector);
  return pairs.length > 0 && pairs.every(([key, value]) => labels[key] === value);
}

/** The app a container runs, from the entry point in its command. */
function appOf(container: IContainer): App | undefined {
  const command = [...(container.command ?? []), ...(container.args ?? [])].join(' ');
  const app = /dist\/apps\/([a-z-]+)\/src\/main\.js/.exec(command)?.[1];
  return APPS.find((known) => known === app);
}

function appsOf(workload: Workload): Array<App | undefined> {
  return workload.pod.containers.map(appOf);
}

function containerPort(container: IContainer, port: number | string | undefined) {
  return container.ports?.find((p) => p.name === port || p.containerPort === port)?.containerPort;
}

function serviceProblems(file: string, service: IService, deployments: readonly Workload[]) {
  const selector = service.spec?.selector ?? {};
  const selected = deployments.filter((d) => matches(selector, d.labels));
  if (selected.length !== 1)
    return [`${file}: its selector matches ${selected.length} Deployments' pods, not one`];
  const [deployment] = selected;
  return (service.spec?.ports ?? [])
    .filter(({ targetPort }) =>
      deployment?.pod.containers.every((c) => containerPort(c, targetPort) === undefined),
    )
    .map(({ targetPort }) => `${file}: targetPort ${targetPort} is no port of ${deployment?.name}`);
}

function workloadProblems(
  workload: Workload,
  configMaps: ReadonlyArray<{ doc: IConfigMap }>,
  contract: ProductContract,
): string[] {
  const problems: string[] = [];
  const { where, pod } = workload;
  if (pod.securityContext?.runAsNonRoot !== true)
    problems.push(`${where}: the pod does not insist on a non-root user`);
  for (const container of pod.containers) {
    const at = `${where} container ${container.name}`;
    const app = appOf(container);
    if (!app) {
      problems.push(`${at}: runs none of ${APPS.join(', ')} (dist/apps/<app>/src/main.js)`);
      continue;
    }
    if (container.securityContext?.readOnlyRootFilesystem !== true)
      problems.push(`${at}: the root filesystem is writable`);
    if (container.securityContext?.allowPrivilegeEscalation !== false)
      problems.push(`${at}: privilege escalation is allowed`);
    for (const bound of ['requests', 'limits'] as const)
      for (const resource of ['cpu', 'memory'])
        if (container.resources?.[bound]?.[resource] === undefined)
          problems.push(`${at}: no ${resource} ${bound}`);
    const env = environmentOf(container, configMaps, contract, at, problems);
    let port: number | undefined;
    try {
      port = contract.startUp(app, env);
    } catch (error) {
      problems.push(`${at}: ${app} would not start: ${(error as Error).message}`);
    }
    if (workload.kind === 'Job') {
      if (app !== 'cli' || !/main\.js migrate\b/.test((container.command ?? []).join(' ')))
        problems.push(`${at}: the Job does not run the migrations`);
      continue;
    }
    if (app === 'cli') {
      problems.push(`${at}: the command line runs in a Job, not a Deployment`);
      continue;
    }
    problems.push(...probeProblems(at, app, container, port, contract));
    const scraped = workload.annotations['prometheus.io/path'];
    if (scraped !== undefined && !contract.servedPaths[app].includes(scraped))
      problems.push(`${at}: metrics are scraped from ${scraped}, which ${app} does not serve`);
  }
  return problems;
}

function probeProblems(
  at: string,
  app: Exclude<App, 'cli'>,
  container: IContainer,
  port: number | undefined,
  contract: ProductContract,
): string[] {
  const problems: string[] = [];
  const probes: Array<[string, IProbe | undefined]> = [
    ['startupProbe', container.startupProbe],
    ['livenessProbe', container.livenessProbe],
    ['readinessProbe', container.readinessProbe],
  ];
  for (const [name, probe] of probes) {
    if (!probe) {
      problems.push(`${at}: no ${name}`);
      continue;
    }
    const path = probe.httpGet?.path ?? '';
    if (!contract.servedPaths[app].includes(path))
      problems.push(`${at}: ${name} asks for ${path || 'no path'}, which ${app} does not serve`);
    const probed = containerPort(container, probe.httpGet?.port);
    // An app that would not start has said so already; its port is then unknown.
    if (port !== undefined && probed !== port)
      problems.push(`${at}: ${name} goes to port ${probed}, but ${app} listens on ${port}`);
  }
  return problems;
}

/**
 * The environment a container would get, with the example Secret's placeholders for its secret
 * references; problems for references to nothing and for secrets given in plain text.
 */
function environmentOf(
  container: IContainer,
  configMaps: ReadonlyArray<{ doc: IConfigMap }>,
  contract: ProductContract,
  at: string,
  problems: string[],
): Environment {
  const env: Record<string, string> = {};
  const secrets = contract.secret.values;
  const configMap = (name: string | undefined) =>
    configMaps.find(({ doc }) => doc.metadata?.name === name)?.doc;
  for (const source of container.envFrom ?? []) {
    if (source.secretRef) problems.push(`${at}: takes a whole Secret; name each secret it needs`);
    if (!source.configMapRef) continue;
    const found = configMap(source.configMapRef.name);
    if (!found) problems.push(`${at}: no ConfigMap ${source.configMapRef.name} here`);
    for (const [name, value] of Object.entries(found?.data ?? {})) {
      if (name in secrets) problems.push(`${at}: ${name} is a secret, yet in a ConfigMap`);
      env[name] = value;
    }
  }
  for (const { name, value, valueFrom } of container.env ?? []) {
    if (value !== undefined) {
      if (name in secrets) problems.push(`${at}: ${name} is a secret, yet written out`);
      env[name] = value;
    } else if (valueFrom?.secretKeyRef) {
      const { name: secret, key } = valueFrom.secretKeyRef;
      const placeholder = secrets[key];
      if (secret !== contract.secret.name || placeholder === undefined)
        problems.push(`${at}: ${name} refers to ${secret}/${key}, which is not in the Secret`);
      else env[name] = placeholder;
    } else if (valueFrom?.configMapKeyRef) {
      const { name: map, key } = valueFrom.configMapKeyRef;
      const found = configMap(map)?.data?.[key];
      if (found === undefined) problems.push(`${at}: ${name} refers to ${map}/${key}: none such`);
      else env[name] = found;
    }
  }
  for (const name of Object.keys(env))
    if (!contract.readsVariable(name)) problems.push(`${at}: ${name} is read by nothing`);
  return env;
}
