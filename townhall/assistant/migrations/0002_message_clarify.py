from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("assistant", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="message",
            name="clarify",
            field=models.BooleanField(default=False, verbose_name="asked to choose"),
        ),
    ]
