"""The official bce-python-sdk drives the emulator unchanged: BccClient, EsgClient and
EndpointClient calls succeed, and documented errors arrive as BceServerError (wrapped, as
this SDK always does, in BceHttpClientError.last_error) with the right code and status."""
import pytest
from baidubce import protocol
from baidubce.auth.bce_credentials import BceCredentials
from baidubce.bce_client_configuration import BceClientConfiguration
from baidubce.exception import BceHttpClientError, BceServerError
from baidubce.retry.retry_policy import NoRetryPolicy
from baidubce.services.bcc.bcc_client import BccClient
from baidubce.services.bcc.bcc_model import SecurityGroupRuleModel
from baidubce.services.endpoint.endpoint_client import EndpointClient
from baidubce.services.vpc.vpc_client import VpcClient
from baidubce.services.esg.esg_client import EsgClient
from baidubce.services.esg.esg_model import EnterpriseSecurityGroupRuleModel


def config(emu):
    return BceClientConfiguration(
        credentials=BceCredentials(emu.ak, emu.sk), endpoint=emu.host, protocol=protocol.HTTP,
        retry_policy=NoRetryPolicy(),
    )


def server_error(call):
    """The SDK raises BceHttpClientError carrying the server's BceServerError."""
    with pytest.raises(BceHttpClientError) as info:
        call()
    err = info.value.last_error
    assert isinstance(err, BceServerError), repr(err)
    assert info.value.code == err.code and info.value.status_code == err.status_code
    return err


def test_list_create_authorize_revoke_delete(emulator):
    bcc = BccClient(config(emulator))
    names = [g.name for g in bcc.list_security_groups().security_groups]
    assert names == ["default", "web", "database", "ssh", "staging-web"]

    rule = SecurityGroupRuleModel(remark="ssh", direction="ingress", protocol="tcp", portRange="22", sourceIp="10.0.0.0/8")
    created = bcc.create_security_group("sdk-group", [rule], desc="made by the SDK")
    gid = created.security_group_id
    detail = bcc.get_security_group_detail(gid)
    assert detail.name == "sdk-group"
    assert detail.sg_version == 1
    assert [r.port_range for r in detail.rules] == ["22"]

    https = SecurityGroupRuleModel(remark="https", direction="ingress", protocol="tcp", portRange="443", sourceIp="0.0.0.0/0")
    bcc.authorize_security_group_rule(gid, https, client_token="sdk-token-1", sg_version=1)
    assert bcc.get_security_group_detail(gid).sg_version == 2
    # The same token again is a replay, not a second rule.
    bcc.authorize_security_group_rule(gid, https, client_token="sdk-token-1", sg_version=1)
    assert len(bcc.get_security_group_detail(gid).rules) == 2

    err = server_error(lambda: bcc.authorize_security_group_rule(gid, https, sg_version=1))
    assert (err.status_code, err.code) == (400, "VersionMismatch")
    err = server_error(lambda: bcc.authorize_security_group_rule(gid, https))
    assert (err.status_code, err.code) == (409, "SecurityGroup.RuleDuplicated")
    bad = SecurityGroupRuleModel(direction="ingress", protocol="tcp", portRange="400-80", sourceIp="0.0.0.0/0")
    err = server_error(lambda: bcc.authorize_security_group_rule(gid, bad))
    assert (err.status_code, err.code) == (400, "SecurityGroup.RulePortOrderInvalid")
    assert err.request_id

    bcc.revoke_security_group_rule(gid, https)
    assert len(bcc.get_security_group_detail(gid).rules) == 1
    bcc.delete_security_group(gid)
    err = server_error(lambda: bcc.get_security_group_detail(gid))
    assert (err.status_code, err.code) == (404, "NoSuchObject")


def test_regular_rules_edited_in_place_and_deleted_by_id(emulator):
    bcc = BccClient(config(emulator))
    ssh = SecurityGroupRuleModel(remark="ssh", direction="ingress", protocol="tcp", portRange="22", sourceIp="10.0.0.0/8")
    web = SecurityGroupRuleModel(remark="web", direction="ingress", protocol="tcp", portRange="80", sourceIp="0.0.0.0/0")
    gid = bcc.create_security_group("sdk-edits", [ssh, web]).security_group_id
    detail = bcc.get_security_group_detail(gid)
    rid = next(r.security_group_rule_id for r in detail.rules if r.port_range == "22")

    # An edit changes the fields given, keeps the rule's id and the others, and moves the version on.
    bcc.update_security_group_rule(rid, portrange="2222", remark="ssh alt", sg_version=detail.sg_version)
    after = bcc.get_security_group_detail(gid)
    edited = next(r for r in after.rules if r.security_group_rule_id == rid)
    assert (edited.port_range, edited.remark, edited.source_ip, edited.protocol) == ("2222", "ssh alt", "10.0.0.0/8", "tcp")
    assert after.sg_version == detail.sg_version + 1

    for call, status, code in [
        (lambda: bcc.update_security_group_rule(rid, portrange="23", sg_version=detail.sg_version), 400, "VersionMismatch"),
        (lambda: bcc.update_security_group_rule(rid, portrange="70000"), 400, "SecurityGroup.RulePortRangeInvalid"),
        (lambda: bcc.update_security_group_rule(rid, portrange="80", remark="web", source_ip="0.0.0.0/0"), 409, "SecurityGroup.RuleDuplicated"),
        (lambda: bcc.update_security_group_rule(rid, protocol="icmp", portrange=""), 400, "InvalidProtocolException"),
        (lambda: bcc.update_security_group_rule("r-missing", remark="x"), 404, "SecurityGroup.RuleNotExist"),
        (lambda: bcc.delete_security_group_rule(rid, sg_version=detail.sg_version), 400, "VersionMismatch"),
    ]:
        err = server_error(call)
        assert (err.status_code, err.code) == (status, code)
    assert bcc.get_security_group_detail(gid).sg_version == after.sg_version, "a refused call changes nothing"

    bcc.delete_security_group_rule(rid, sg_version=after.sg_version)
    assert [r.port_range for r in bcc.get_security_group_detail(gid).rules] == ["80"]
    err = server_error(lambda: bcc.delete_security_group_rule(rid))
    assert (err.status_code, err.code) == (404, "SecurityGroup.RuleNotExist")


def test_instance_bindings(emulator):
    bcc = BccClient(config(emulator))
    bcc.bind_instance_to_security_group("i-db000001", "g-web00001")
    inst = [i for i in bcc.list_instances().instances if i.id == "i-db000001"][0]
    assert inst.nic_info.security_groups == ["g-db000001", "g-web00001"]
    bcc.unbind_instance_from_security_group("i-db000001", "g-db000001")
    err = server_error(lambda: bcc.unbind_instance_from_security_group("i-db000001", "g-web00001"))
    assert (err.status_code, err.code) == (400, "SecurityGroup.NoSecurityGroup")
    err = server_error(lambda: bcc.bind_instance_to_security_group("i-expired1", "g-web00001"))
    assert (err.status_code, err.code) == (403, "SecurityGroup.ExpiredInstanceForbiddenBind")


def esg_rule(**over):
    fields = dict(remark="ssh", direction="ingress", ethertype="IPv4", portRange="22", sourcePortRange="1-65535",
                  protocol="tcp", sourceIp="all", localIp="all", action="allow", priority=100)
    fields.update(over)
    return EnterpriseSecurityGroupRuleModel(**fields)


def test_batch_bind_unbind_replace(emulator):
    bcc = BccClient(config(emulator))

    def groups(iid):
        inst = next(i for i in bcc.list_instances().instances if i.id == iid)
        return inst.nic_info.security_groups, inst.nic_info.enterprise_security_groups

    web = ["i-web00001", "i-web00002"]
    bcc.bind_sg(web, ["g-db000001"], "normal")
    assert all(groups(i)[0] == ["g-web00001", "g-default0", "g-db000001"] for i in web)
    bcc.unbind_sg(web, ["g-db000001"], "normal")
    assert all(groups(i)[0] == ["g-web00001", "g-default0"] for i in web)

    # One kind per instance: binding an enterprise group to a regular instance is refused,
    # and nothing changes on any instance of the call.
    err = server_error(lambda: bcc.bind_sg(["i-web00001", "i-db000001"], ["esg-demo00000001"], "enterprise"))
    assert (err.status_code, err.code) == (400, "SecurityGroup.InstanceHoldsOtherType")
    err = server_error(lambda: bcc.bind_sg(["i-db000001", "i-expired1"], ["g-web00001"], "normal"))
    assert (err.status_code, err.code) == (403, "SecurityGroup.ExpiredInstanceForbiddenBind")
    assert "i-expired1" in str(err)
    assert groups("i-db000001") == (["g-db000001"], []), "all or nothing"
    err = server_error(lambda: bcc.unbind_sg(["i-db000001"], ["g-db000001"], "normal"))
    assert (err.status_code, err.code) == (400, "SecurityGroup.NoSecurityGroup")
    err = server_error(lambda: bcc.bind_sg(["i-db000001"], ["g-missing"], "normal"))
    assert (err.status_code, err.code) == (404, "NoSuchObject")
    err = server_error(lambda: bcc.bind_sg(["i-db000001"], ["g-web00001"], "regular"))
    assert (err.status_code, err.code) == (400, "InappropriateJSON")

    # Replace moves an instance to the other kind.
    bcc.replace_sg(["i-db000001"], ["esg-demo00000001"], "enterprise")
    assert groups("i-db000001") == ([], ["esg-demo00000001"])
    bcc.replace_sg(["i-db000001"], ["g-db000001"], "normal")
    assert groups("i-db000001") == (["g-db000001"], [])


def test_enterprise_security_groups(emulator):
    esg = EsgClient(config(emulator))
    created = esg.create_enterprise_security_group("sdk-esg", rules=[esg_rule()], desc="from the SDK")
    listed = esg.list_enterprise_security_groups().enterprise_security_groups
    assert [g.name for g in listed] == ["baseline", "sdk-esg"]
    assert listed[1].id == created.enterprise_security_group_id
    assert listed[1].rules[0].port_range == "22"

    for rule, code in [
        (esg_rule(portRange="400-80"), "Esg.EsgRulePortOrderError"),
        (esg_rule(portRange="80,80,7000"), "Esg.EsgRulePortDuplicate"),
        (esg_rule(priority=1001), "Esg.EsgRulePriorityInvalid"),
        (esg_rule(action="accept"), "Esg.EsgRuleActionInvalid"),
        (esg_rule(sourceIp="10.0.0.0/33"), "Esg.EsgRuleIpAddressError"),
    ]:
        err = server_error(lambda: esg.create_enterprise_security_group("other", rules=[rule]))
        assert (err.status_code, err.code) == (400, code)
    err = server_error(lambda: esg.create_enterprise_security_group("sdk-esg", rules=[esg_rule(portRange="23")]))
    assert (err.status_code, err.code) == (400, "Esg.EsgNameDuplicate")
    err = server_error(lambda: esg.create_enterprise_security_group("1-bad", rules=[esg_rule()]))
    assert (err.status_code, err.code) == (400, "Esg.EsgNameInvalid")


def test_enterprise_security_group_rules_added_edited_deleted(emulator):
    esg = EsgClient(config(emulator))
    gid = esg.create_enterprise_security_group("sdk-rules", rules=[esg_rule()]).enterprise_security_group_id

    def rules():
        group = next(g for g in esg.list_enterprise_security_groups().enterprise_security_groups if g.id == gid)
        return group.rules

    esg.authorize_enterprise_security_group_rule(gid, [esg_rule(portRange="443", remark="https"), esg_rule(portRange="23", action="deny", priority=10)])
    added = {r.port_range: r for r in rules()}
    assert sorted(added) == ["22", "23", "443"]
    assert added["23"].action == "deny" and added["443"].enterprise_security_group_rule_id.startswith("esgr-")

    # An edit changes the fields given and keeps the others.
    rid = added["443"].enterprise_security_group_rule_id
    esg.update_enterprise_security_group_rule(rid, portrange="8443", priority=5, remark="https alt")
    edited = next(r for r in rules() if r.enterprise_security_group_rule_id == rid)
    assert (edited.port_range, int(edited.priority), edited.remark, edited.source_ip) == ("8443", 5, "https alt", "all")

    # Documented refusals: a duplicate, a bad port, more than 20 in one call, a rule that is not there.
    for call, status, code in [
        (lambda: esg.authorize_enterprise_security_group_rule(gid, [esg_rule(remark="same as the first")]), 400, "Esg.EsgRuleDuplicated"),
        (lambda: esg.authorize_enterprise_security_group_rule(gid, [esg_rule(portRange="0-70000")]), 400, "Esg.EsgRulePortValueExceed"),
        (lambda: esg.authorize_enterprise_security_group_rule(gid, [esg_rule(portRange=str(p)) for p in range(1000, 1021)]), 400, "Esg.EsgRuleExceedQuota"),
        (lambda: esg.update_enterprise_security_group_rule(rid, portrange="22", priority=100), 400, "Esg.EsgRuleDuplicated"),
        (lambda: esg.update_enterprise_security_group_rule(rid, action="accept"), 400, "Esg.EsgRuleActionInvalid"),
        (lambda: esg.update_enterprise_security_group_rule("esgr-missing", remark="x"), 404, "Esg.EsgRuleResourceNotExist"),
        (lambda: esg.authorize_enterprise_security_group_rule("esg-missing", [esg_rule(portRange="1")]), 404, "Esg.EsgResourceNotExist"),
    ]:
        err = server_error(call)
        assert (err.status_code, err.code) == (status, code)
    assert len(rules()) == 3, "a refused call changes nothing"

    esg.delete_enterprise_security_group_rule(rid)
    assert sorted(r.port_range for r in rules()) == ["22", "23"]

    # The group's quota: 200 rules (reference), added 20 to a call.
    for start in range(2000, 2198, 20):
        esg.authorize_enterprise_security_group_rule(gid, [esg_rule(portRange=str(p)) for p in range(start, min(start + 20, 2198))])
    assert len(rules()) == 200
    err = server_error(lambda: esg.authorize_enterprise_security_group_rule(gid, [esg_rule(portRange="3000")]))
    assert (err.status_code, err.code) == (400, "Esg.EsgRuleExceedQuota")
    err = server_error(lambda: esg.delete_enterprise_security_group_rule(rid))
    assert (err.status_code, err.code) == (404, "Esg.EsgRuleResourceNotExist")


def test_service_network_interface_cards(emulator):
    endpoints = EndpointClient(config(emulator))
    listed = endpoints.list_endpoints("vpc-demo0001").endpoints
    assert [e.name for e in listed] == ["bos-endpoint", "rds-endpoint"]
    endpoints.update_endpoint_enterprise_sg("endpoint-demo0002", ["esg-demo00000001"])
    card = endpoints.get_endpoint("endpoint-demo0002")
    assert card.enterprise_security_group_ids == ["esg-demo00000001"]
    assert card.security_group_ids == []
    err = server_error(lambda: endpoints.update_endpoint_enterprise_sg("endpoint-demo0001", ["esg-a", "esg-b"]))
    assert (err.status_code, err.code) == (400, "InappropriateJSON")
    err = server_error(lambda: endpoints.update_endpoint_enterprise_sg("endpoint-demo0001", ["esg-missing"]))
    assert (err.status_code, err.code) == (404, "Esg.EsgResourceNotExist")
    # What a real client must do to learn a card's groups (the card answer has none):
    # list the groups of either kind by instanceId.
    bcc = BccClient(config(emulator))
    assert [g.id for g in bcc.list_security_groups(instance_id="endpoint-demo0001", vpc_id="vpc-demo0001").security_groups] == ["g-default0"]
    esgs = EsgClient(config(emulator)).list_enterprise_security_groups(instance_id="endpoint-demo0002").enterprise_security_groups
    assert [g.id for g in esgs] == ["esg-demo00000001"]

    # bindSg sets the card's regular groups, replacing its enterprise group too.
    endpoints.update_endpoint_sg("endpoint-demo0002", ["g-db000001", "g-web00001"])
    regular = bcc.list_security_groups(instance_id="endpoint-demo0002", vpc_id="vpc-demo0001").security_groups
    assert sorted(g.id for g in regular) == ["g-db000001", "g-web00001"]
    assert EsgClient(config(emulator)).list_enterprise_security_groups(instance_id="endpoint-demo0002").enterprise_security_groups == []
    for groups, status, code in [([], 400, "InappropriateJSON"), (["g-missing"], 404, "NoSuchObject")]:
        err = server_error(lambda: endpoints.update_endpoint_sg("endpoint-demo0002", groups))
        assert (err.status_code, err.code) == (status, code)


def test_vpcs(emulator):
    vpcs = VpcClient(config(emulator)).list_vpcs().vpcs
    assert [(v.vpc_id, v.is_default) for v in vpcs] == [("vpc-demo0001", True), ("vpc-demo0002", False)]
    assert [v.vpc_id for v in VpcClient(config(emulator)).list_vpcs(is_default=False).vpcs] == ["vpc-demo0002"]
