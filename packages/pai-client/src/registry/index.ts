/** @imagebuild/pai-client/registry: image references and a minimal OCI distribution client (HEAD, GET of manifests). */
export {
  DEFAULT_REGISTRY,
  parseImageReference,
  type ImageReference,
} from "./image-reference.ts";
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
