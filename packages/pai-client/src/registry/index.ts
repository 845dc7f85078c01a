/** @imagebuild/pai-client/registry: image references and a minimal OCI distribution client (HEAD, GET of manifests). */
export {
  DEFAULT_REGISTRY,
  parseImageReference,
  type ImageReference,
} from "./image-reference.ts";
export {
  BASE_LABEL_PREFIX,
  MAX_BASE_LABELS,
  baseImageLabels,
  externalBaseImages,
  readBaseImageLabels,
  type BaseImageDigest,
} from "./base-image-labels.ts";
export {
  MANIFEST_ACCEPT,
  RegistryHttpError,
  fetchConfigDigest,
  fetchImageSize,
  headManifestDigest,
  manifestExists,
  registryBaseUrl,
  registryFetch,
  type RegistryCredentials,
} from "./registry-client.ts";
