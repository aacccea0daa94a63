import { join } from 'node:path';
import { Service } from 'kubernetes-models/v1/Service';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import ts from 'typescript';

/**
 * The Kubernetes API objects the manifests may hold, from `kubernetes-models`
 * 4.5 (the Kubernetes v1.33.0 OpenAPI schemas, validated with ajv; 5.x is
 * ESM-only and needs Node 22). Keyed by `apiVersion/kind`.
 */
export interface KubernetesModel {
  Model: new (data: never) => { validate(): void };
  /** The module and interface of its TypeScript type. */
  module: string;
  type: string;
}

export const kubernetesModels: Record<string, KubernetesModel> = Object.fromEntries(
  (
    [
      [Deployment, 'apps/v1/Deployment'],
      [Service, 'v1/Service'],
      [ConfigMap, 'v1/ConfigMap'],
      [Secret, 'v1/Secret'],
      [PodDisruptionBudget, 'policy/v1/PodDisruptionBudget'],
      [HorizontalPodAutoscaler, 'autoscaling/v2/HorizontalPodAutoscaler'],
    ] as const
  ).map(([Model, path]) => [
    `${Model.apiVersion}/${Model.kind}`,
    { Model: Model as unknown as KubernetesModel['Model'], module: `kubernetes-models/${path}`, type: `I${Model.kind}` },
  ]),
);

/**
 * The fields of each manifest that its Kubernetes type does not have (a
 * misspelt `readinesProbe`, a field at the wrong level), and values of the
 * wrong type: the JSON schemas of kubernetes-models do not forbid unknown
 * fields, so each manifest is type-checked as an object literal of the
 * package's TypeScript interface, generated from the same OpenAPI, whose
 * excess-property check does. One TypeScript program for all of them.
 */
export function unknownFields(manifests: readonly Record<string, unknown>[]): string[][] {
  const fileName = join(__dirname, '__manifests__.ts');
  let source = '';
  /** Where each manifest's code starts in the source, to tell whose a diagnostic is. */
  const starts: number[] = [];
  manifests.forEach((manifest, index) => {
    const model = kubernetesModels[`${String(manifest.apiVersion)}/${String(manifest.kind)}`];
    if (!model) throw new Error(`no Kubernetes type for ${String(manifest.apiVersion)} ${String(manifest.kind)}`);
    starts.push(source.length);
    source += `import type { ${model.type} as T${index} } from '${model.module}';\n`;
    source += `export const manifest${index}: T${index} = ${JSON.stringify(manifest, null, 2)};\n`;
  });
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, languageVersion, ...rest) =>
    name === fileName ? ts.createSourceFile(name, source, languageVersion) : getSourceFile(name, languageVersion, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === fileName || fileExists(name);
  const program = ts.createProgram([fileName], options, host);
  const found: string[][] = manifests.map(() => []);
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
    if (diagnostic.file?.fileName !== fileName || diagnostic.start === undefined) throw new Error(`TypeScript: ${message}`);
    const offset = diagnostic.start;
    const index = starts.findLastIndex((start) => start <= offset);
    // The literal's text at the error: the field's name for an unknown field.
    const at = source.slice(diagnostic.start, diagnostic.start + (diagnostic.length ?? 0));
    found[index]!.push(`${at}: ${message}`);
  }
  return found;
}
