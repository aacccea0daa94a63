import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gatewayVariableNames } from '@nlai/gateway/dist/config';
import { humanCapitalConfig } from '@nlai/human-capital/dist/config';
import { parseSupergraphConfig } from '@nlai/subgraph-sdl';
import { subgraphVariableNames } from '@nlai/subgraph-kit';
import { parseAllDocuments } from 'yaml';
import { kubernetesModels, unknownFields } from './kubernetes-schemas';

const repository = resolve(__dirname, '../..');
const manifestsDirectory = join(repository, 'deploy/kubernetes');
const manifestFiles = readdirSync(manifestsDirectory)
  .filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml')
  .sort();

type Manifest = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
interface Document {
  file: string;
  manifest: Manifest;
}

const documents: Document[] = manifestFiles.flatMap((file) =>
  parseAllDocuments(readFileSync(join(manifestsDirectory, file), 'utf8')).map((document) => {
    if (document.errors.length) throw new Error(`${file}: ${document.errors.map((error) => error.message).join('; ')}`);
    return { file, manifest: document.toJS() as Manifest };
  }),
);
// Fields the Kubernetes types do not have, per document (one TypeScript program for all).
const typeProblems = unknownFields(documents.map((document) => document.manifest));
const label = ({ file, manifest }: Document) => `${file}: ${manifest.kind} ${manifest.metadata?.name}`;
const ofKind = (kind: string) => documents.filter((document) => document.manifest.kind === kind);
const deployments = ofKind('Deployment');

// The services and the variables each accepts, from the zod schemas they parse at boot.
const subgraphs = parseSupergraphConfig(readFileSync(join(repository, 'schema/supergraph.yaml'), 'utf8'), join(repository, 'schema')).map(
  (source) => source.name,
);
const acceptedVariables: Record<string, string[]> = {
  gateway: gatewayVariableNames(subgraphs),
  'research-innovation': subgraphVariableNames('research-innovation'),
  'human-capital': subgraphVariableNames('human-capital', humanCapitalConfig.variables),
};

/** The Secrets and ConfigMaps docs/deploying.md says the operator provides, with their keys. */
function operatorProvided(): Map<string, Set<string>> {
  const provided = new Map<string, Set<string>>();
  const text = readFileSync(join(repository, 'docs/deploying.md'), 'utf8');
  for (const row of text.matchAll(/^\| (Secret|ConfigMap) \| `([^`]+)` \| ([^|]+) \|/gm)) {
    const keys = [...row[3]!.matchAll(/`([^`]+)`/g)].map((match) => match[1]!);
    provided.set(`${row[1]}/${row[2]}`, new Set(keys));
  }
  return provided;
}

/** Every Secret and ConfigMap key a pod template references: env, envFrom and volumes. */
function references(template: Manifest): Array<{ object: string; key?: string; where: string }> {
  const found: Array<{ object: string; key?: string; where: string }> = [];
  const spec = template.spec ?? {};
  for (const container of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    for (const variable of container.env ?? []) {
      const secret = variable.valueFrom?.secretKeyRef;
      const configMap = variable.valueFrom?.configMapKeyRef;
      if (secret) found.push({ object: `Secret/${secret.name}`, key: secret.key, where: variable.name });
      if (configMap) found.push({ object: `ConfigMap/${configMap.name}`, key: configMap.key, where: variable.name });
    }
    for (const source of container.envFrom ?? []) {
      if (source.secretRef) found.push({ object: `Secret/${source.secretRef.name}`, where: 'envFrom' });
      if (source.configMapRef) found.push({ object: `ConfigMap/${source.configMapRef.name}`, where: 'envFrom' });
    }
  }
  for (const volume of spec.volumes ?? []) {
    const secret = volume.secret;
    const configMap = volume.configMap;
    if (secret)
      for (const item of secret.items ?? [{}])
        found.push({ object: `Secret/${secret.secretName}`, key: item.key, where: `volume ${volume.name}` });
    if (configMap)
      for (const item of configMap.items ?? [{}])
        found.push({ object: `ConfigMap/${configMap.name}`, key: item.key, where: `volume ${volume.name}` });
  }
  return found;
}

const mebibytes = (quantity: string) => {
  const match = /^(\d+)(Mi|Gi)$/.exec(quantity);
  if (!match) throw new Error(`expected a memory quantity in Mi or Gi, got ${quantity}`);
  return Number(match[1]) * (match[2] === 'Gi' ? 1024 : 1);
};

describe('deploy/kubernetes', () => {
  it('has a manifest per service, each listed in kustomization.yaml', () => {
    expect(manifestFiles).toEqual(['gateway.yaml', 'human-capital.yaml', 'research-innovation.yaml']);
    const kustomization = parseAllDocuments(readFileSync(join(manifestsDirectory, 'kustomization.yaml'), 'utf8'))[0]!.toJS() as Manifest;
    expect([...kustomization.resources].sort()).toEqual(manifestFiles);
    expect(deployments.map((document) => document.manifest.metadata.name).sort()).toEqual(['gateway', ...subgraphs].sort());
  });

  it.each(documents.map((document, index) => [label(document), document, index] as const))(
    '%s validates against the Kubernetes API schema, with no unknown field',
    (_label, { manifest }, index) => {
      const model = kubernetesModels[`${manifest.apiVersion}/${manifest.kind}`];
      if (!model) throw new Error(`no Kubernetes schema for ${manifest.apiVersion} ${manifest.kind} in kubernetes-models`);
      expect(() => new model.Model(manifest as never).validate()).not.toThrow();
      expect(typeProblems[index]).toEqual([]);
    },
  );

  it.each(deployments.map((document) => [label(document), document] as const))(
    '%s sets only variables its service accepts',
    (_label, { manifest }) => {
      for (const container of manifest.spec.template.spec.containers) {
        const accepted = acceptedVariables[container.name];
        if (!accepted) throw new Error(`no list of accepted variables for container ${container.name}: add its service to this test`);
        const names: string[] = (container.env ?? []).map((variable: { name: string }) => variable.name);
        expect(names.filter((name) => !accepted.includes(name))).toEqual([]);
        expect(new Set(names).size).toBe(names.length);
      }
    },
  );

  it('references only Secrets and ConfigMaps (and keys) that are defined or that docs/deploying.md says the operator provides', () => {
    const provided = operatorProvided();
    for (const { manifest } of [...ofKind('Secret'), ...ofKind('ConfigMap')])
      provided.set(`${manifest.kind}/${manifest.metadata.name}`, new Set(Object.keys({ ...manifest.data, ...manifest.stringData })));
    const missing = deployments.flatMap(({ file, manifest }) =>
      references(manifest.spec.template)
        .filter(
          (reference) =>
            !provided.has(reference.object) || (reference.key !== undefined && !provided.get(reference.object)!.has(reference.key)),
        )
        .map((reference) => `${file} ${reference.where}: ${reference.object}${reference.key ? ` key ${reference.key}` : ''}`),
    );
    expect(missing).toEqual([]);
    // No secret value is committed.
    expect(ofKind('Secret')).toEqual([]);
  });

  it.each(deployments.map((document) => [label(document), document] as const))(
    '%s rolls out without losing capacity, with probes, resources and a heap under its memory limit',
    (_label, { manifest }) => {
      const name: string = manifest.metadata.name;
      expect(manifest.spec.replicas).toBe(2);
      expect(manifest.spec.strategy).toMatchObject({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0 } });
      const [container, ...others] = manifest.spec.template.spec.containers;
      expect(others).toEqual([]);
      expect(container.readinessProbe.httpGet).toMatchObject({ path: '/ready' });
      expect(container.livenessProbe.httpGet).toMatchObject({ path: '/health' });
      expect(container.image).toMatch(new RegExp(`^nlai/${name}:`));
      const heap = /^--max-old-space-size=(\d+)$/.exec(
        container.command.find((argument: string) => argument.startsWith('--max-old-space-size=')) ?? '',
      );
      expect(heap).not.toBeNull();
      const packageFile = name === 'gateway' ? 'gateway/package.json' : `services/${name}/package.json`;
      const packageJson = JSON.parse(readFileSync(join(repository, packageFile), 'utf8')) as { main: string; nodeArguments?: string[] };
      // The heap flag the package runs with, where it names one (the gateway's nodeArguments).
      for (const argument of packageJson.nodeArguments ?? []) expect(container.command).toContain(argument);
      // The entry point as the Dockerfile lays it out: /app/<workspace>/dist/index.js.
      expect(container.command.at(-1)).toBe(join(packageFile.replace('/package.json', ''), packageJson.main));
      expect(container.resources.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
      expect(Number(heap![1])).toBeLessThan(mebibytes(container.resources.limits.memory));

      const selector = manifest.spec.selector.matchLabels;
      const service = ofKind('Service').find((document) => document.manifest.metadata.name === name)?.manifest;
      expect(service?.spec.selector).toEqual(selector);
      const budget = ofKind('PodDisruptionBudget').find((document) => document.manifest.metadata.name === name)?.manifest;
      expect(budget?.spec).toMatchObject({ minAvailable: 1, selector: { matchLabels: selector } });
      const autoscaler = ofKind('HorizontalPodAutoscaler').find((document) => document.manifest.metadata.name === name)?.manifest;
      expect(autoscaler?.apiVersion).toBe('autoscaling/v2');
      expect(autoscaler?.spec).toMatchObject({ scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name }, minReplicas: 2 });
    },
  );

  it('gives the gateway the supergraph from the nlai-supergraph ConfigMap', () => {
    const pod = deployments.find((document) => document.manifest.metadata.name === 'gateway')!.manifest.spec.template.spec;
    const file = pod.containers[0].env.find((variable: { name: string }) => variable.name === 'SUPERGRAPH_FILE')?.value as string;
    const volume = pod.volumes.find((candidate: Manifest) => candidate.configMap?.name === 'nlai-supergraph');
    const mount = pod.containers[0].volumeMounts.find((candidate: Manifest) => candidate.name === volume?.name);
    expect(file).toBe(`${mount.mountPath}/${volume.configMap.items[0].path}`);
  });
});
