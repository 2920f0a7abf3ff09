"""The official huaweicloudsdkvpc (v3) drives the emulator unchanged: it creates, lists,
shows, updates (with and without dry_run) and deletes groups and rules, and gets the
documented errors as ClientRequestException with the right status and code."""
import pytest
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkvpc.v3 import (
    CreateSecurityGroupOption, CreateSecurityGroupRequest, CreateSecurityGroupRequestBody,
    CreateSecurityGroupRuleOption, CreateSecurityGroupRuleRequest, CreateSecurityGroupRuleRequestBody,
    DeleteSecurityGroupRequest, DeleteSecurityGroupRuleRequest, ListSecurityGroupRulesRequest,
    ListSecurityGroupsRequest, ShowSecurityGroupRequest, UpdateSecurityGroupOption,
    UpdateSecurityGroupRequest, UpdateSecurityGroupRequestBody, VpcClient,
)

# A project of its own: a fresh namespace, created on first use with only `default`.
PROJECT = "5eeeb61233c4ec5fe16efc9b5850127e"


def client(emu):
    return (VpcClient.new_builder()
            .with_credentials(BasicCredentials(emu.ak, emu.sk, PROJECT))
            .with_endpoints([f"http://{emu.host}"])
            .build())


def client_error(call):
    with pytest.raises(ClientRequestException) as info:
        call()
    return info.value


def update(vpc, gid, name=None, description=None, dry_run=None):
    body = UpdateSecurityGroupRequestBody(security_group=UpdateSecurityGroupOption(name=name, description=description), dry_run=dry_run)
    return vpc.update_security_group(UpdateSecurityGroupRequest(security_group_id=gid, body=body))


def test_groups_and_the_seeds_update(emulator):
    vpc = client(emulator)
    created = vpc.create_security_group(CreateSecurityGroupRequest(
        body=CreateSecurityGroupRequestBody(security_group=CreateSecurityGroupOption(name="sdk-web", description="made by the SDK"))))
    gid = created.security_group.id
    assert len(created.security_group.security_group_rules) == 4

    names = [g.name for g in vpc.list_security_groups(ListSecurityGroupsRequest()).security_groups]
    assert names == ["default", "sdk-web"]
    assert [g.id for g in vpc.list_security_groups(ListSecurityGroupsRequest(name=["sdk-web"])).security_groups] == [gid]

    # dry_run: checked, 202, nothing changes.
    update(vpc, gid, name="security_group_2", description="modified description", dry_run=True)
    assert vpc.show_security_group(ShowSecurityGroupRequest(security_group_id=gid)).security_group.name == "sdk-web"

    updated = update(vpc, gid, name="security_group_2", description="modified description")
    assert (updated.security_group.name, updated.security_group.description) == ("security_group_2", "modified description")
    assert updated.security_group.project_id == PROJECT

    for kwargs in [dict(name="has space"), dict(name="x" * 65), dict(description="<script>"), dict(name="ok", dry_run=True, description="a>b")]:
        err = client_error(lambda: update(vpc, gid, **kwargs))
        assert (err.status_code, err.error_code) == (400, "VPC.0601"), kwargs
        assert err.request_id
    err = client_error(lambda: vpc.show_security_group(ShowSecurityGroupRequest(security_group_id="nope")))
    assert (err.status_code, err.error_code) == (404, "VPC.0603")

    vpc.delete_security_group(DeleteSecurityGroupRequest(security_group_id=gid))
    err = client_error(lambda: vpc.show_security_group(ShowSecurityGroupRequest(security_group_id=gid)))
    assert err.status_code == 404


def test_rules(emulator):
    vpc = client(emulator)
    gid = vpc.list_security_groups(ListSecurityGroupsRequest(name=["default"])).security_groups[0].id
    option = CreateSecurityGroupRuleOption(security_group_id=gid, direction="ingress", protocol="tcp", multiport="22,3389",
                                           remote_ip_prefix="10.0.0.0/8", priority="1", action="allow")
    rule = vpc.create_security_group_rule(CreateSecurityGroupRuleRequest(body=CreateSecurityGroupRuleRequestBody(security_group_rule=option)))
    rid = rule.security_group_rule.id
    assert rule.security_group_rule.priority == 1
    err = client_error(lambda: vpc.create_security_group_rule(CreateSecurityGroupRuleRequest(body=CreateSecurityGroupRuleRequestBody(security_group_rule=option))))
    assert (err.status_code, err.error_code) == (409, "VPC.0605")
    bad = CreateSecurityGroupRuleOption(security_group_id=gid, direction="ingress", protocol="tcp", multiport="0-5")
    err = client_error(lambda: vpc.create_security_group_rule(CreateSecurityGroupRuleRequest(body=CreateSecurityGroupRuleRequestBody(security_group_rule=bad))))
    assert (err.status_code, err.error_code) == (400, "VPC.0601")

    listed = vpc.list_security_group_rules(ListSecurityGroupRulesRequest(security_group_id=[gid])).security_group_rules
    assert rid in [r.id for r in listed] and len(listed) == 5
    vpc.delete_security_group_rule(DeleteSecurityGroupRuleRequest(security_group_rule_id=rid))
    listed = vpc.list_security_group_rules(ListSecurityGroupRulesRequest(security_group_id=[gid])).security_group_rules
    assert rid not in [r.id for r in listed]


def test_the_demo_project(emulator):
    vpc = (VpcClient.new_builder()
           .with_credentials(BasicCredentials(emulator.ak, emulator.sk, "060576782980d5762f9ec014dd2f1148"))
           .with_endpoints([f"http://{emulator.host}"])
           .build())
    groups = vpc.list_security_groups(ListSecurityGroupsRequest(limit=2)).security_groups
    assert [g.name for g in groups] == ["default", "web"]
