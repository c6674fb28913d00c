// The official client's artifact documents, their text copied verbatim as test fixtures from
// wandb/wandb at b6e29505884e: `wandb/sdk/artifacts/_generated/operations.py` (the wire text of
// the Python public API's operations) and `core/api/graphql/*.graphql` (wandb-core, the Go saver
// that publishes; genqlient sends the operation text with its `#` comments removed).

export const ARTIFACT_MEMBERSHIP_BY_NAME = `query ArtifactMembershipByName($entity: String!, $project: String!, $name: String!, $includeAliases: Boolean = false) {
  project(name: $project, entityName: $entity) {
    artifactCollectionMembership(name: $name) {
      ...ArtifactMembershipFragment
    }
  }
}

fragment ArtifactAliasFragment on ArtifactAlias {
  __typename
  id
  alias
}

fragment ArtifactFragment on Artifact {
  __typename
  id
  artifactSequence {
    ...SourceCollectionInfoFragment
  }
  versionIndex
  artifactType {
    name
  }
  description
  metadata
  ttlDurationSeconds
  ttlIsInherited
  tags {
    ...TagFragment
  }
  historyStep
  state
  size
  digest
  commitHash
  fileCount
  createdAt
  updatedAt
  aliases @include(if: $includeAliases) {
    artifactCollection {
      ...CollectionInfoFragment
    }
    ...ArtifactAliasFragment
  }
}

fragment ArtifactMembershipFragment on ArtifactCollectionMembership {
  __typename
  id
  versionIndex
  aliases {
    ...ArtifactAliasFragment
  }
  artifactCollection {
    ...CollectionInfoFragment
  }
  artifact {
    ...ArtifactFragment
  }
}

fragment CollectionInfoFragment on ArtifactCollection {
  __typename
  name
  project {
    ...ProjectInfoFragment
  }
}

fragment ProjectInfoFragment on Project {
  id
  internalId
  name
  entity {
    name
  }
}

fragment SourceCollectionInfoFragment on ArtifactSequence {
  __typename
  name
  project {
    ...ProjectInfoFragment
  }
}

fragment TagFragment on Tag {
  __typename
  id
  name
}
`;

export const ARTIFACT_BY_ID = `query ArtifactByID($id: ID!, $includeAliases: Boolean = true) {
  artifact(id: $id) {
    ...ArtifactFragment
  }
}

fragment ArtifactAliasFragment on ArtifactAlias {
  __typename
  id
  alias
}

fragment ArtifactFragment on Artifact {
  __typename
  id
  artifactSequence {
    ...SourceCollectionInfoFragment
  }
  versionIndex
  artifactType {
    name
  }
  description
  metadata
  ttlDurationSeconds
  ttlIsInherited
  tags {
    ...TagFragment
  }
  historyStep
  state
  size
  digest
  commitHash
  fileCount
  createdAt
  updatedAt
  aliases @include(if: $includeAliases) {
    artifactCollection {
      ...CollectionInfoFragment
    }
    ...ArtifactAliasFragment
  }
}

fragment CollectionInfoFragment on ArtifactCollection {
  __typename
  name
  project {
    ...ProjectInfoFragment
  }
}

fragment ProjectInfoFragment on Project {
  id
  internalId
  name
  entity {
    name
  }
}

fragment SourceCollectionInfoFragment on ArtifactSequence {
  __typename
  name
  project {
    ...ProjectInfoFragment
  }
}

fragment TagFragment on Tag {
  __typename
  id
  name
}
`;

export const PROJECT_ARTIFACTS = `query ProjectArtifacts($entity: String!, $project: String!, $type: String!, $collection: String!, $cursor: String, $perPage: Int = 50, $order: String, $filters: JSONString, $includeAliases: Boolean = true) {
  project(entityName: $entity, name: $project) {
    artifactType(name: $type) {
      artifactCollection(name: $collection) {
        __typename
        artifacts(after: $cursor, first: $perPage, order: $order, filters: $filters) {
          totalCount
          pageInfo {
            ...PageInfoFragment
          }
          edges {
            version
            node {
              ...ArtifactFragment
            }
          }
        }
      }
    }
  }
}

fragment ArtifactAliasFragment on ArtifactAlias {
  __typename
  id
  alias
}

fragment ArtifactFragment on Artifact {
  __typename
  id
  artifactSequence {
    ...SourceCollectionInfoFragment
  }
  versionIndex
  artifactType {
    name
  }
  description
  metadata
  ttlDurationSeconds
  ttlIsInherited
  tags {
    ...TagFragment
  }
  historyStep
  state
  size
  digest
  commitHash
  fileCount
  createdAt
  updatedAt
  aliases @include(if: $includeAliases) {
    artifactCollection {
      ...CollectionInfoFragment
    }
    ...ArtifactAliasFragment
  }
}

fragment CollectionInfoFragment on ArtifactCollection {
  __typename
  name
  project {
    ...ProjectInfoFragment
  }
}

fragment PageInfoFragment on PageInfo {
  __typename
  endCursor
  hasNextPage
}

fragment ProjectInfoFragment on Project {
  id
  internalId
  name
  entity {
    name
  }
}

fragment SourceCollectionInfoFragment on ArtifactSequence {
  __typename
  name
  project {
    ...ProjectInfoFragment
  }
}

fragment TagFragment on Tag {
  __typename
  id
  name
}
`;

export const ARTIFACT_MEMBERSHIP_FILES = `query ArtifactMembershipFiles($entity: String!, $project: String!, $collection: String!, $alias: String!, $fileNames: [String!], $cursor: String, $perPage: Int = 50) {
  project(name: $project, entityName: $entity) {
    artifactCollection(name: $collection) {
      __typename
      artifactMembership(aliasName: $alias) {
        files(names: $fileNames, after: $cursor, first: $perPage) {
          totalCount @include(if: true)
          pageInfo {
            ...PageInfoFragment
          }
          edges {
            node {
              ...FileFragment
            }
          }
        }
      }
    }
  }
}

fragment FileFragment on File {
  __typename
  id
  name: displayName
  url
  sizeBytes
  storagePath
  mimetype
  updatedAt
  digest
  md5
  directUrl
}

fragment PageInfoFragment on PageInfo {
  __typename
  endCursor
  hasNextPage
}
`;

export const GET_ARTIFACT_MEMBERSHIP_FILE_URLS = `query GetArtifactMembershipFileUrls($entity: String!, $project: String!, $collection: String!, $alias: String!, $cursor: String, $perPage: Int) {
  project(name: $project, entityName: $entity) {
    artifactCollection(name: $collection) {
      __typename
      artifactMembership(aliasName: $alias) {
        files(after: $cursor, first: $perPage) {
          pageInfo {
            ...PageInfoFragment
          }
          edges {
            node {
              ...FileWithUrlFragment
            }
          }
        }
      }
    }
  }
}

fragment FileWithUrlFragment on File {
  __typename
  name
  directUrl
}

fragment PageInfoFragment on PageInfo {
  __typename
  endCursor
  hasNextPage
}
`;

export const FETCH_ARTIFACT_MANIFEST = `query FetchArtifactManifest($id: ID!) {
  artifact(id: $id) {
    currentManifest {
      ...DeferredManifestFragment
    }
  }
}

fragment DeferredManifestFragment on ArtifactManifest {
  file {
    directUrl
  }
}
`;

export const ADD_ALIASES = `mutation AddAliases($input: AddAliasesInput!) {
  result: addAliases(input: $input) {
    success
  }
}
`;

export const DELETE_ALIASES = `mutation DeleteAliases($input: DeleteAliasesInput!) {
  result: deleteAliases(input: $input) {
    success
  }
}
`;

export const UPDATE_ARTIFACT = `mutation UpdateArtifact($input: UpdateArtifactInput!, $includeAliases: Boolean = true) {
  result: updateArtifact(input: $input) {
    artifact {
      ...ArtifactFragment
    }
  }
}

fragment ArtifactAliasFragment on ArtifactAlias {
  __typename
  id
  alias
}

fragment ArtifactFragment on Artifact {
  __typename
  id
  artifactSequence {
    ...SourceCollectionInfoFragment
  }
  versionIndex
  artifactType {
    name
  }
  description
  metadata
  ttlDurationSeconds
  ttlIsInherited
  tags {
    ...TagFragment
  }
  historyStep
  state
  size
  digest
  commitHash
  fileCount
  createdAt
  updatedAt
  aliases @include(if: $includeAliases) {
    artifactCollection {
      ...CollectionInfoFragment
    }
    ...ArtifactAliasFragment
  }
}

fragment CollectionInfoFragment on ArtifactCollection {
  __typename
  name
  project {
    ...ProjectInfoFragment
  }
}

fragment ProjectInfoFragment on Project {
  id
  internalId
  name
  entity {
    name
  }
}

fragment SourceCollectionInfoFragment on ArtifactSequence {
  __typename
  name
  project {
    ...ProjectInfoFragment
  }
}

fragment TagFragment on Tag {
  __typename
  id
  name
}
`;

export const DELETE_ARTIFACT = `mutation DeleteArtifact($input: DeleteArtifactInput!) {
  result: deleteArtifact(input: $input) {
    artifact {
      id
    }
  }
}
`;

export const LINK_ARTIFACT = `mutation LinkArtifact($input: LinkArtifactInput!, $includeAliases: Boolean = true) {
  result: linkArtifact(input: $input) {
    versionIndex
    artifactMembership @include(if: true) {
      ...ArtifactMembershipFragment
    }
  }
}

fragment ArtifactAliasFragment on ArtifactAlias {
  __typename
  id
  alias
}

fragment ArtifactFragment on Artifact {
  __typename
  id
  artifactSequence {
    ...SourceCollectionInfoFragment
  }
  versionIndex
  artifactType {
    name
  }
  description
  metadata
  ttlDurationSeconds
  ttlIsInherited
  tags {
    ...TagFragment
  }
  historyStep
  state
  size
  digest
  commitHash
  fileCount
  createdAt
  updatedAt
  aliases @include(if: $includeAliases) {
    artifactCollection {
      ...CollectionInfoFragment
    }
    ...ArtifactAliasFragment
  }
}

fragment ArtifactMembershipFragment on ArtifactCollectionMembership {
  __typename
  id
  versionIndex
  aliases {
    ...ArtifactAliasFragment
  }
  artifactCollection {
    ...CollectionInfoFragment
  }
  artifact {
    ...ArtifactFragment
  }
}

fragment CollectionInfoFragment on ArtifactCollection {
  __typename
  name
  project {
    ...ProjectInfoFragment
  }
}

fragment ProjectInfoFragment on Project {
  id
  internalId
  name
  entity {
    name
  }
}

fragment SourceCollectionInfoFragment on ArtifactSequence {
  __typename
  name
  project {
    ...ProjectInfoFragment
  }
}

fragment TagFragment on Tag {
  __typename
  id
  name
}
`;

export const UNLINK_ARTIFACT = `mutation UnlinkArtifact($input: UnlinkArtifactInput!) {
  result: unlinkArtifact(input: $input) {
    success
  }
}
`;

export const FETCH_LINKED_ARTIFACTS = `query FetchLinkedArtifacts($artifactID: ID!) {
  artifact(id: $artifactID) {
    artifactMemberships {
      edges {
        node {
          versionIndex
          aliases {
            ...ArtifactAliasFragment
          }
          artifactCollection {
            __typename
            ...CollectionInfoFragment
          }
        }
      }
    }
  }
}

fragment ArtifactAliasFragment on ArtifactAlias {
  __typename
  id
  alias
}

fragment CollectionInfoFragment on ArtifactCollection {
  __typename
  name
  project {
    ...ProjectInfoFragment
  }
}

fragment ProjectInfoFragment on Project {
  id
  internalId
  name
  entity {
    name
  }
}
`;

export const ARTIFACT_COLLECTION_ALIASES = `query ArtifactCollectionAliases($id: ID!, $cursor: String, $perPage: Int = 1000) {
  artifactCollection(id: $id) {
    __typename
    aliases(after: $cursor, first: $perPage) {
      pageInfo {
        ...PageInfoFragment
      }
      edges {
        node {
          ...ArtifactAliasFragment
        }
      }
    }
  }
}

fragment ArtifactAliasFragment on ArtifactAlias {
  __typename
  id
  alias
}

fragment PageInfoFragment on PageInfo {
  __typename
  endCursor
  hasNextPage
}
`;

export const PROJECT_ARTIFACT_TYPES = `query ProjectArtifactTypes($entity: String!, $project: String!, $cursor: String, $perPage: Int) {
  project(name: $project, entityName: $entity) {
    artifactTypes(after: $cursor, first: $perPage) {
      edges {
        node {
          ...ArtifactTypeFragment
        }
      }
      pageInfo {
        ...PageInfoFragment
      }
    }
  }
}

fragment ArtifactTypeFragment on ArtifactType {
  __typename
  id
  name
  description
  createdAt
}

fragment PageInfoFragment on PageInfo {
  __typename
  endCursor
  hasNextPage
}
`;

export const PROJECT_ARTIFACT_COLLECTION = `query ProjectArtifactCollection($entity: String!, $project: String!, $type: String!, $name: String!) {
  project(entityName: $entity, name: $project) {
    artifactType(name: $type) {
      artifactCollection(name: $name) {
        __typename
        ...ArtifactCollectionFragment
      }
    }
  }
}

fragment ArtifactCollectionFragment on ArtifactCollection {
  __typename
  id
  name
  description
  createdAt
  updatedAt
  project {
    ...ProjectInfoFragment
  }
  type: defaultArtifactType {
    name
  }
  tags {
    edges {
      node {
        ...TagFragment
      }
    }
  }
}

fragment ProjectInfoFragment on Project {
  id
  internalId
  name
  entity {
    name
  }
}

fragment TagFragment on Tag {
  __typename
  id
  name
}
`;

export const UPDATE_ARTIFACT_SEQUENCE = `mutation UpdateArtifactSequence($input: UpdateArtifactSequenceInput!) {
  result: updateArtifactSequence(input: $input) {
    artifactCollection {
      __typename
      ...ArtifactCollectionFragment
    }
  }
}

fragment ArtifactCollectionFragment on ArtifactCollection {
  __typename
  id
  name
  description
  createdAt
  updatedAt
  project {
    ...ProjectInfoFragment
  }
  type: defaultArtifactType {
    name
  }
  tags {
    edges {
      node {
        ...TagFragment
      }
    }
  }
}

fragment ProjectInfoFragment on Project {
  id
  internalId
  name
  entity {
    name
  }
}

fragment TagFragment on Tag {
  __typename
  id
  name
}
`;

export const UPDATE_ARTIFACT_SEQUENCE_TYPE = `mutation UpdateArtifactSequenceType($input: MoveArtifactSequenceInput!) {
  result: moveArtifactSequence(input: $input) {
    artifactCollection {
      __typename
      ...ArtifactCollectionFragment
    }
  }
}

fragment ArtifactCollectionFragment on ArtifactCollection {
  __typename
  id
  name
  description
  createdAt
  updatedAt
  project {
    ...ProjectInfoFragment
  }
  type: defaultArtifactType {
    name
  }
  tags {
    edges {
      node {
        ...TagFragment
      }
    }
  }
}

fragment ProjectInfoFragment on Project {
  id
  internalId
  name
  entity {
    name
  }
}

fragment TagFragment on Tag {
  __typename
  id
  name
}
`;

export const DELETE_ARTIFACT_SEQUENCE = `mutation DeleteArtifactSequence($id: ID!) {
  result: deleteArtifactSequence(input: {artifactSequenceID: $id}) {
    artifactCollection {
      __typename
      state
    }
  }
}
`;

export const ADD_ARTIFACT_COLLECTION_TAGS = `mutation AddArtifactCollectionTags($input: CreateArtifactCollectionTagAssignmentsInput!) {
  result: createArtifactCollectionTagAssignments(input: $input) {
    tags {
      ...TagFragment
    }
  }
}

fragment TagFragment on Tag {
  __typename
  id
  name
}
`;

export const DELETE_ARTIFACT_COLLECTION_TAGS = `mutation DeleteArtifactCollectionTags($input: DeleteArtifactCollectionTagAssignmentsInput!) {
  result: deleteArtifactCollectionTagAssignments(input: $input) {
    success
  }
}
`;

export const FETCH_ORG_INFO_FROM_ENTITY = `query FetchOrgInfoFromEntity($entity: String!) {
  entity(name: $entity) {
    organization {
      ...OrgInfoFragment
    }
    user {
      organizations {
        ...OrgInfoFragment
      }
    }
  }
}

fragment OrgInfoFragment on Organization {
  name
  orgEntity {
    name
  }
}
`;

export const ARTIFACT_USED_BY = `query ArtifactUsedBy($id: ID!) {
  artifact(id: $id) {
    usedBy {
      edges {
        node {
          ...RunInfoFragment
        }
      }
    }
  }
}

fragment ProjectInfoFragment on Project {
  id
  internalId
  name
  entity {
    name
  }
}

fragment RunInfoFragment on Run {
  __typename
  id
  name
  project {
    ...ProjectInfoFragment
  }
}
`;

export const ARTIFACT_CREATED_BY = `query ArtifactCreatedBy($id: ID!) {
  artifact(id: $id) {
    createdBy {
      __typename
      ... on Run {
        ...RunInfoFragment
      }
    }
  }
}

fragment ProjectInfoFragment on Project {
  id
  internalId
  name
  entity {
    name
  }
}

fragment RunInfoFragment on Run {
  __typename
  id
  name
  project {
    ...ProjectInfoFragment
  }
}
`;

export const RUN_OUTPUT_ARTIFACTS = `query RunOutputArtifacts($entity: String!, $project: String!, $run: String!, $cursor: String, $perPage: Int, $includeAliases: Boolean = true) {
  project(entityName: $entity, name: $project) {
    run(name: $run) {
      artifacts: outputArtifacts(after: $cursor, first: $perPage) {
        totalCount
        pageInfo {
          ...PageInfoFragment
        }
        edges {
          node {
            ...ArtifactFragment
          }
        }
      }
    }
  }
}

fragment ArtifactAliasFragment on ArtifactAlias {
  __typename
  id
  alias
}

fragment ArtifactFragment on Artifact {
  __typename
  id
  artifactSequence {
    ...SourceCollectionInfoFragment
  }
  versionIndex
  artifactType {
    name
  }
  description
  metadata
  ttlDurationSeconds
  ttlIsInherited
  tags {
    ...TagFragment
  }
  historyStep
  state
  size
  digest
  commitHash
  fileCount
  createdAt
  updatedAt
  aliases @include(if: $includeAliases) {
    artifactCollection {
      ...CollectionInfoFragment
    }
    ...ArtifactAliasFragment
  }
}

fragment CollectionInfoFragment on ArtifactCollection {
  __typename
  name
  project {
    ...ProjectInfoFragment
  }
}

fragment PageInfoFragment on PageInfo {
  __typename
  endCursor
  hasNextPage
}

fragment ProjectInfoFragment on Project {
  id
  internalId
  name
  entity {
    name
  }
}

fragment SourceCollectionInfoFragment on ArtifactSequence {
  __typename
  name
  project {
    ...ProjectInfoFragment
  }
}

fragment TagFragment on Tag {
  __typename
  id
  name
}
`;

export const RUN_INPUT_ARTIFACTS = `query RunInputArtifacts($entity: String!, $project: String!, $run: String!, $cursor: String, $perPage: Int, $includeAliases: Boolean = true) {
  project(entityName: $entity, name: $project) {
    run(name: $run) {
      artifacts: inputArtifacts(after: $cursor, first: $perPage) {
        totalCount
        pageInfo {
          ...PageInfoFragment
        }
        edges {
          node {
            ...ArtifactFragment
          }
        }
      }
    }
  }
}

fragment ArtifactAliasFragment on ArtifactAlias {
  __typename
  id
  alias
}

fragment ArtifactFragment on Artifact {
  __typename
  id
  artifactSequence {
    ...SourceCollectionInfoFragment
  }
  versionIndex
  artifactType {
    name
  }
  description
  metadata
  ttlDurationSeconds
  ttlIsInherited
  tags {
    ...TagFragment
  }
  historyStep
  state
  size
  digest
  commitHash
  fileCount
  createdAt
  updatedAt
  aliases @include(if: $includeAliases) {
    artifactCollection {
      ...CollectionInfoFragment
    }
    ...ArtifactAliasFragment
  }
}

fragment CollectionInfoFragment on ArtifactCollection {
  __typename
  name
  project {
    ...ProjectInfoFragment
  }
}

fragment PageInfoFragment on PageInfo {
  __typename
  endCursor
  hasNextPage
}

fragment ProjectInfoFragment on Project {
  id
  internalId
  name
  entity {
    name
  }
}

fragment SourceCollectionInfoFragment on ArtifactSequence {
  __typename
  name
  project {
    ...ProjectInfoFragment
  }
}

fragment TagFragment on Tag {
  __typename
  id
  name
}
`;

export const GO_CREATE_ARTIFACT = `fragment CreatedArtifact on CreateArtifactPayload {
    artifact {
        id
        state
        artifactSequence {
            latestArtifact {
                id
            }
        }
    }
}

mutation CreateArtifact(
    $input: CreateArtifactInput!
) {
    createArtifact(input: $input) {
        ...CreatedArtifact
    }
}
`;

export const GO_CREATE_ARTIFACT_MANIFEST = `mutation CreateArtifactManifest(
    $artifactID: ID!,
    $baseArtifactID: ID,
    $name: String!,
    $digest: String!,
    $entityName: String!,
    $projectName: String!,
    $runName: String!,
    $manifestType: ArtifactManifestType!,
    $includeUpload: Boolean!,
) {
    createArtifactManifest(input: {
        artifactID: $artifactID,
        baseArtifactID: $baseArtifactID,
        name: $name,
        digest: $digest,
        entityName: $entityName,
        projectName: $projectName,
        runName: $runName,
        type: $manifestType,
    }) {
        artifactManifest {
            id
            file {
                id
                uploadUrl @include(if: $includeUpload)
                uploadHeaders @include(if: $includeUpload)
            }
        }
    }
}
`;

export const GO_UPDATE_ARTIFACT_MANIFEST = `mutation UpdateArtifactManifest(
  $artifactManifestID: ID!
  $digest: String
  $baseArtifactID: ID
  $includeUpload: Boolean!
) {
  updateArtifactManifest(
    input: {
      artifactManifestID: $artifactManifestID
      digest: $digest
      baseArtifactID: $baseArtifactID
    }
  ) {
    artifactManifest {
      id
      file {
        id
        uploadUrl @include(if: $includeUpload)
        uploadHeaders @include(if: $includeUpload)
      }
    }
  }
}
`;

export const GO_CREATE_ARTIFACT_FILES = `mutation CreateArtifactFiles(
    $artifactFiles: [CreateArtifactFileSpecInput!]!
    $storageLayout: ArtifactStorageLayout!
) {
    createArtifactFiles(input: {
        artifactFiles: $artifactFiles,
        storageLayout: $storageLayout,
    }) {
        files {
            edges {
                node {
                    storagePath
                    uploadUrl
                    uploadHeaders
                    uploadMultipartUrls {
                        uploadID
                        uploadUrlParts {
                            partNumber
                            uploadUrl
                        }
                    }
                    artifact {
                        id
                    }
                }
            }
        }
    }
}
`;

export const GO_COMPLETE_MULTIPART_UPLOAD_ARTIFACT = `mutation CompleteMultipartUploadArtifact(
  $completeMultipartAction: CompleteMultipartAction!
  $completedParts: [UploadPartsInput!]!
  $artifactID: ID!
  $storagePath: String!
  $uploadID: String!
) {
  completeMultipartUploadArtifact(
    input: {
      completeMultipartAction: $completeMultipartAction
      completedParts: $completedParts
      artifactID: $artifactID
      storagePath: $storagePath
      uploadID: $uploadID
    }
  ) {
    digest
  }
}
`;

export const GO_COMMIT_ARTIFACT = `mutation CommitArtifact(
    $artifactID: ID!,
) {
    commitArtifact(input: {
        artifactID: $artifactID,
    }) {
        artifact {
            id
            digest
        }
    }
}
`;

export const GO_USE_ARTIFACT = `mutation UseArtifact(
    $input: UseArtifactInput!
) {
    useArtifact(input: $input) {
        artifact {
            id
        }
    }
}
`;

export const GO_LINK_ARTIFACT = `mutation LinkArtifact(
            $artifactPortfolioName: String!,
            $entityName: String!,
            $projectName: String!,
            $aliases: [ArtifactAliasInput!],
            $clientId: ID,
            $artifactId: ID,
        ) {
            linkArtifact(input: {
                artifactPortfolioName: $artifactPortfolioName,
                entityName: $entityName,
                projectName: $projectName,
                aliases: $aliases,
                artifactID: $artifactId,
                clientID: $clientId
            }) {
                versionIndex
            }
        }
`;

export const GO_ARTIFACT_MANIFEST = `query ArtifactManifest($artifact_id: ID!) {
    artifact(id: $artifact_id) {
        currentManifest {
            file {
                directUrl
            }
        }
    }
}
`;
