// The official client's registry member documents, their text copied verbatim as test fixtures from
// wandb/wandb at b6e29505884e: `wandb/sdk/artifacts/_generated/operations.py` (sources in
// `tools/graphql_codegen/artifacts/registry_members.graphql`).

export const REGISTRY_USER_MEMBERS = `query RegistryUserMembers($project: String!, $entity: String!) {
  project(name: $project, entityName: $entity) {
    members {
      ...UserRegistryMemberFragment
    }
  }
}

fragment RegistryRoleFragment on Role {
  name
}

fragment UserRegistryMemberFragment on ProjectMember {
  id
  name
  username
  email
  role {
    ...RegistryRoleFragment
  }
}`;

export const REGISTRY_TEAM_MEMBERS = `query RegistryTeamMembers($project: String!, $entity: String!) {
  project(name: $project, entityName: $entity) {
    teamMembers {
      ...TeamRegistryMemberFragment
    }
  }
}

fragment RegistryRoleFragment on Role {
  name
}

fragment TeamFragment on Entity {
  __typename
  id
  name
  available
  photoUrl
  readOnly
  readOnlyAdmin
  isTeam
  entityType
  privateOnly
  storageBytes
  codeSavingEnabled
  defaultAccess
  isPaid
  members {
    ...TeamMemberFragment
  }
}

fragment TeamMemberFragment on Member {
  __typename
  id
  role
  pending
  email
  username
  name
  photoUrl
  accountType
  apiKey
}

fragment TeamRegistryMemberFragment on ProjectTeamMember {
  team {
    ...TeamFragment
  }
  role {
    ...RegistryRoleFragment
  }
}`;

export const CREATE_REGISTRY_MEMBERS = `mutation CreateRegistryMembers($input: CreateProjectMembersInput!) {
  result: createProjectMembers(input: $input) {
    success
  }
}`;

export const DELETE_REGISTRY_MEMBERS = `mutation DeleteRegistryMembers($input: DeleteProjectMembersInput!) {
  result: deleteProjectMembers(input: $input) {
    success
  }
}`;

export const UPDATE_USER_REGISTRY_ROLE = `mutation UpdateUserRegistryRole($input: UpdateProjectMemberInput!) {
  result: updateProjectMember(input: $input) {
    success
  }
}`;

export const UPDATE_TEAM_REGISTRY_ROLE = `mutation UpdateTeamRegistryRole($input: UpdateProjectTeamMemberInput!) {
  result: updateProjectTeamMember(input: $input) {
    success
  }
}`;
