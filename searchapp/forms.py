"""The forms of the account pages (Flask-WTF: each carries its csrf_token)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, PasswordField, StringField
from wtforms.validators import AnyOf, DataRequired, Length, Optional

CLEARANCES = [("", "Không (chỉ văn bản không mật)"), ("mat", "Mật"), ("toi-mat", "Tối mật"),
              ("tuyet-mat", "Tuyệt mật")]
ROLES = [("staff", "Cán bộ"), ("admin", "Quản trị")]


class LoginForm(FlaskForm):
    username = StringField("Tên đăng nhập", validators=[DataRequired(), Length(max=128)])
    password = PasswordField("Mật khẩu", validators=[DataRequired(), Length(max=1024)])
    next = HiddenField()


class AccountForm(FlaskForm):
    """Add an account (name and password required) or change one (password optional)."""

    name = StringField("Tên đăng nhập", validators=[Optional(), Length(max=64)])
    # Chosen from <select>s the templates draw from ROLES and CLEARANCES (WTForms' SelectField
    # changes its choices' format between 3.x releases).
    role = StringField("Vai trò", validators=[AnyOf([v for v, _ in ROLES])])
    clearance = StringField("Độ mật được đọc", validators=[Optional(), AnyOf([v for v, _ in CLEARANCES])])
    groups = StringField("Nhóm (cách nhau bởi dấu phẩy)", validators=[Length(max=2000)])
    password = PasswordField("Mật khẩu mới", validators=[Optional(), Length(max=1024)])
    active = BooleanField("Đang hoạt động", default=True)


class SaveSearchForm(FlaskForm):
    name = StringField("Tên", validators=[DataRequired(), Length(max=200)])
    query = HiddenField()  # the search's query string (q, filters, sort, dates), read by params.search_request


class ButtonForm(FlaskForm):
    """A form that is only a button (log out, delete): its CSRF token is the point."""
