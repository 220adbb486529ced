from django.db import migrations


class Migration(migrations.Migration):
    """Membership is per organization now (0010 carried the flag over)."""

    dependencies = [("missions", "0010_memberships_from_member_flag")]

    operations = [migrations.RemoveField(model_name="country", name="is_member")]
