"""The teacher electronic archive (ARCHITECTURE §6): one row per teacher with every national one-per-teacher
indicator as a typed column, province extensions in `extra`, and the ID document protected (encrypted value, keyed
digest as the nationwide dedup key, masked copy for lists)."""

from __future__ import annotations

from typing import Any, Self

import pghistory
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tmis.core.scope import ScopedQuerySet
from tmis.orgs.models import Organisation

from .grants import ArchiveReadGrant


class RecordState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


class TeacherQuerySet(ScopedQuerySet):
    scope_path_fields = ("org_path",)

    def readable_by(self, user: Any) -> Self:
        """What `user` may read: the subtree (`visible_to`) and the archives a business module granted its
        organisation for now (`ArchiveReadGrant`: a rotation's receiving school). Never used for a write."""
        path = getattr(user, "scope_path", None) if user is not None and user.is_authenticated else None
        if not path:
            return self.none()
        granted = ArchiveReadGrant.objects.filter(org_path__startswith=path).values("teacher_id")
        return self.filter(self.scope_condition(path) | Q(pk__in=granted))


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),  # only when a snapshotted field changes: stamps and pinyin are left out
    exclude=[
        "id_key",
        "id_cipher",
        "id_digest",
        "id_prefixes",
        "name_pinyin",
        "name_initials",
        "version",
        "change_seq",
        "updated_by",
        "updated_at",
        "pending_change",
    ],
    # Statement-level triggers (transition tables): a bulk insert of an import writes its events in one step instead
    # of a trigger call per row (5,000 rows: 1,128 → 138 ms of trigger time). Row writes get the same events.
    level=pghistory.Statement,
)
class Teacher(models.Model):
    teacher_no = models.CharField(max_length=16, unique=True, db_collation="C", help_text="National teacher number.")
    # No index of its own: teacher_school_idx (school, id) serves every lookup by school.
    school = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="teachers", db_index=False)
    org_path = models.CharField(max_length=255, db_collation="C", help_text="The school's path (scope filter).")
    province_code = models.CharField(max_length=6, help_text="Distribution key (Citus) and number prefix.")

    # Key information (关键信息)
    name = models.CharField(max_length=50)
    gender = models.CharField(max_length=1)
    nationality = models.CharField(max_length=3)
    id_type = models.CharField(max_length=1)
    id_key = models.CharField(max_length=20, help_text="Id of the key the ID number is encrypted with.")
    id_cipher = models.BinaryField(help_text="AES-GCM nonce + ciphertext of the normalised ID number.")
    id_digest = models.CharField(max_length=64, unique=True, help_text="Keyed HMAC of type:number (dedup key).")
    id_masked = models.CharField(max_length=30)
    id_prefixes = ArrayField(
        models.CharField(max_length=16),
        default=list,
        blank=True,
        help_text="Blind index of the number's prefixes (6 characters and more): truncated keyed HMACs, written with "
        "the number, so `?id_prefix=` finds archives without decrypting any.",
    )
    birth_date = models.DateField()

    # The other national indicators of 基本信息 and 联系方式
    former_name = models.CharField(max_length=50, blank=True, default="")  # 曾用名
    staff_no = models.CharField(max_length=50, blank=True, default="")  # 教职工号
    native_place = models.CharField(max_length=100, blank=True, default="")  # 籍贯
    birth_place = models.CharField(max_length=100, blank=True, default="")  # 出生地
    ethnicity = models.CharField(max_length=10, blank=True, default="")  # 民族
    political_status = ArrayField(models.CharField(max_length=10), blank=True, default=list)  # 政治面貌
    marital_status = models.CharField(max_length=10, blank=True, default="")  # 婚姻状况
    health = models.CharField(max_length=10, blank=True, default="")  # 健康状况
    highest_education = models.CharField(max_length=10, blank=True, default="")  # 最高学历
    highest_education_institution = models.CharField(max_length=100, blank=True, default="")  # 获得最高学历的院校或机构
    highest_degree_level = models.CharField(max_length=10, blank=True, default="")  # 最高学位层次
    highest_degree = models.CharField(max_length=10, blank=True, default="")  # 最高学位名称
    highest_degree_institution = models.CharField(max_length=100, blank=True, default="")  # 获得最高学位的院校或机构
    work_start_month = models.CharField(max_length=7, blank=True, default="")  # 参加工作年月
    school_entry_month = models.CharField(max_length=7, blank=True, default="")  # 进本校年月
    special_ed_start_month = models.CharField(max_length=7, blank=True, default="")  # 从事特教起始年月
    staff_source = models.CharField(max_length=10, blank=True, default="")  # 教职工来源
    staff_category = models.CharField(max_length=10, blank=True, default="")  # 教职工类别
    on_establishment = models.BooleanField(null=True, blank=True)  # 是否在编
    employment_form = models.CharField(max_length=10, blank=True, default="")  # 用人形式
    contract_status = models.CharField(max_length=10, blank=True, default="")  # 签订合同情况
    current_post_category = models.CharField(max_length=10, blank=True, default="")  # 现任岗位类别
    current_post_grade = models.CharField(max_length=10, blank=True, default="")  # 现任岗位等级
    current_professional_title = models.CharField(max_length=10, blank=True, default="")  # 现任专业技术职务
    normal_major_graduate = models.BooleanField(null=True, blank=True)  # 是否全日制师范类专业毕业
    special_ed_trained = models.BooleanField(null=True, blank=True)  # 是否受过特教专业培养培训
    special_ed_certificate = models.BooleanField(null=True, blank=True)  # 是否有特殊教育从业证书
    special_ed_major_graduate = models.BooleanField(null=True, blank=True)  # 是否全日制特殊教育专业毕业
    preschool_major_graduate = models.BooleanField(null=True, blank=True)  # 是否全日制学前教育专业毕业
    preschool_trained = models.BooleanField(null=True, blank=True)  # 是否受过学前教育专业培养培训
    it_ability = models.CharField(max_length=10, blank=True, default="")  # 信息技术应用能力
    free_normal_student = models.CharField(max_length=10, blank=True, default="")  # 是否属于免费（公费）师范生
    grassroots_project = models.CharField(max_length=10, blank=True, default="")  # 是否参加基层服务项目
    grassroots_start_month = models.CharField(max_length=7, blank=True, default="")  # 参加基层服务项目起始年月
    grassroots_end_month = models.CharField(max_length=7, blank=True, default="")  # 参加基层服务项目结束年月
    special_grade_teacher = models.BooleanField(null=True, blank=True)  # 是否是特级教师
    backbone_teacher = models.BooleanField(null=True, blank=True)  # 是否是县级及以上骨干教师
    mental_health_teacher = models.CharField(max_length=10, blank=True, default="")  # 是否心理健康教育教师
    dual_qualified_teacher = models.BooleanField(null=True, blank=True)  # 是否“双师型”教师
    vocational_skill_certificate = models.BooleanField(null=True, blank=True)  # 是否具备职业技能等级证书
    enterprise_work_duration = models.CharField(max_length=10, blank=True, default="")  # 企业工作(实践)时长
    learning_origin = models.CharField(max_length=10, blank=True, default="")  # 学缘结构
    secondary_unit = models.CharField(max_length=100, blank=True, default="")  # 在二级单位
    new_hire = models.BooleanField(null=True, blank=True)  # 是否为新聘教师
    personnel_status = models.CharField(max_length=10, blank=True, default="")  # 人员状态
    photo = models.CharField(max_length=255, blank=True, default="")  # 个人照片
    remarks = models.CharField(max_length=500, blank=True, default="")  # 备注
    address = models.CharField(max_length=200, blank=True, default="")  # 通讯地址
    phone = models.CharField(max_length=30, blank=True, default="")  # 联系电话
    mobile = models.CharField(max_length=20, blank=True, default="")  # 手机
    email = models.CharField(max_length=100, blank=True, default="")  # 电子信箱
    other_contact = models.CharField(max_length=100, blank=True, default="")  # 其他联系方式

    extra = models.JSONField(default=dict, blank=True, help_text="Province extension indicators.")
    name_pinyin = models.CharField(max_length=200, db_collation="C", default="")
    name_initials = models.CharField(max_length=50, db_collation="C", default="")
    record_state = models.CharField(max_length=10, choices=RecordState.choices, default=RecordState.DRAFT)
    ever_approved = models.BooleanField(default=False, help_text="Once approved, an archive is never deleted.")
    pending_change = models.BooleanField(default=False, help_text="A change request is open (review engine).")
    # Set only by teacher changes (tmis.changes): 教职工当前状态 and whether the archive is a current teacher's.
    employment_status = models.CharField(max_length=2, default="11", help_text="教职工当前状态 (JY/T 1001 code).")
    active = models.BooleanField(
        default=True, help_text="A current teacher; False after leaving (kept, read-only, found by ID lookup)."
    )
    open_change = models.BigIntegerField(
        null=True, blank=True, help_text="The open teacher change (transfer, leave …) that locks the archive."
    )
    catalogue_version = models.PositiveIntegerField(default=0, help_text="Catalogue version validated against.")
    version = models.PositiveIntegerField(default=1, help_text="Optimistic concurrency: the ETag.")
    change_seq = models.BigIntegerField(default=0, db_index=True, help_text="teacher_change_seq at the last write.")
    created_by = models.ForeignKey("accounts.User", null=True, on_delete=models.SET_NULL, related_name="+")
    updated_by = models.ForeignKey("accounts.User", null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    etag_version_field = "version"  # tmis.core.etag: "<id>-v<version>"
    objects = TeacherQuerySet.as_manager()

    class Meta:
        indexes = [
            # A list page is found by its keys first (core.pagination): these two carry the columns that lists
            # filter on most (scope and name search), so finding a page reads no table row — index-only scans.
            # In scope order, for a county or school's teachers:
            models.Index(
                fields=["org_path", "id"],
                include=["name", "name_pinyin", "name_initials", "active"],
                name="teacher_scope_idx",
            ),
            # In id order, for a province-wide search (the scope is nearly every row):
            models.Index(
                fields=["id"],
                include=["org_path", "name", "name_pinyin", "name_initials", "active"],
                name="teacher_keys_idx",
            ),
            models.Index(OpClass("name", name="varchar_pattern_ops"), name="teacher_name_prefix_idx"),
            models.Index(fields=["name_pinyin"], name="teacher_pinyin_idx"),
            models.Index(fields=["name_initials"], name="teacher_initials_idx"),
            models.Index(fields=["school", "id"], name="teacher_school_idx"),
            # Progress counts by state under any organisation (an index-only range scan, no Python loop).
            models.Index(fields=["org_path", "record_state"], name="teacher_state_idx"),
            # `?id_prefix=`: containment in the blind index of the number's prefixes.
            GinIndex(fields=["id_prefixes"], name="teacher_id_prefix_idx"),
            # The Ministry's list opens on approved archives, newest first (10⁷ rows: no sort of the whole state).
            models.Index(fields=["record_state", "-updated_at", "-id"], name="teacher_state_updated_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.teacher_no})"


class DeletedTeacher(models.Model):
    """A deleted draft's tombstone (ARCHITECTURE §9a): what follows the archive by `change_seq` (summary tables,
    feeds) learns of the deletion the same way it learns of a write."""

    teacher_id = models.BigIntegerField(primary_key=True)
    org_path = models.CharField(max_length=255, db_collation="C")
    change_seq = models.BigIntegerField(db_index=True)
    deleted_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"deleted teacher {self.teacher_id}"
